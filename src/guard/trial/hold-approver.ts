/**
 * `run --approver WHO`: who answers the guard's holds where no person is waiting. `deny`
 * (the default) and `allow` answer every hold the same way; `heuristic` asks the offline
 * monitor and any other value is a model id whose LLM monitor scores the held call.
 */
import type { AgentModel } from '../../agent/model.js';
import { InputError } from '../../errors.js';
import { heuristicMonitor } from '../monitor/heuristic-monitor.js';
import { createLlmMonitor } from '../monitor/llm-monitor.js';
import type { HoldApprover } from './trial-gate.js';

/**
 * @example await holdApprover('openai:gpt-4.1-mini', resolveModel) // { id, monitor }
 */
export async function holdApprover(
  who: string,
  resolve: (modelId: string) => AgentModel,
): Promise<HoldApprover> {
  if (who === 'deny' || who === 'allow') return who;
  if (who === 'heuristic') return { id: 'heuristic', monitor: heuristicMonitor };
  if (!who.includes(':'))
    throw new InputError(
      `unknown approver '${who}'; valid: deny, allow, heuristic, or a model id such as openai:gpt-4.1-mini`,
    );
  // resolve() names the valid providers when the prefix is not one (exit 2).
  return { id: who, monitor: createLlmMonitor(resolve(who)) };
}
