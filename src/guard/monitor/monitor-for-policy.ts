import type { AgentModel } from '../../agent/model.js';
import type { Policy } from '../policy/schema.js';
import { heuristicMonitor } from './heuristic-monitor.js';
import { createLlmMonitor } from './llm-monitor.js';
import type { Monitor } from './monitor.js';

/**
 * The monitor a policy asks for: none, the offline heuristic one, or an LLM monitor on the
 * policy's model id (`resolve` turns the id into a model, wrapped in retries by the caller).
 * @example monitorForPolicy(policy, (id) => wrap(resolveModel(id)))
 */
export function monitorForPolicy(
  policy: Policy,
  resolve?: (id: string) => AgentModel,
): Monitor | undefined {
  switch (policy.monitor.kind) {
    case 'none':
      return undefined;
    case 'heuristic':
      return heuristicMonitor;
    case 'llm':
      if (!resolve || !policy.monitor.model) return undefined;
      return createLlmMonitor(resolve(policy.monitor.model));
  }
}
