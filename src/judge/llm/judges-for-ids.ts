import type { AgentModel } from '../../agent/model.js';
import { InputError } from '../../errors.js';
import { resolveModel } from '../../agent/resolve-model.js';
import { heuristicJudge, HEURISTIC_JUDGE_ID } from '../heuristic/index.js';
import type { AsyncJudge } from '../judge.js';
import { createLlmJudge, type LlmJudgeOptions } from './llm-judge.js';

export type NamedJudge = AsyncJudge & { promptVersion?: string };

export interface JudgeModelOptions {
  /** Resolves a model id (default `resolveModel`). */
  resolve?: (id: string) => AgentModel;
  /** Wraps each judge model (the run's rate limits, retries and response cache). */
  wrap?: (model: AgentModel) => AgentModel;
}

/**
 * The judges named on the command line: `heuristic` (the offline judge) or any model id
 * (`openai:gpt-4.1`, `openai-compatible:judge@http://127.0.0.1:8000/v1`, ...). Reference
 * agents are scripted, not language models, so they cannot judge.
 */
export function judgesForIds(
  ids: readonly string[],
  options: LlmJudgeOptions = {},
  models: JudgeModelOptions = {},
): NamedJudge[] {
  if (ids.length === 0)
    throw new InputError(
      'no judge given; pass --judge heuristic or --judge provider:model (repeatable)',
    );
  const seen = new Set<string>();
  return ids.map((id) => {
    if (seen.has(id)) throw new InputError(`judge '${id}' given twice`);
    seen.add(id);
    if (id === 'heuristic' || id === HEURISTIC_JUDGE_ID)
      return { ...heuristicJudge, promptVersion: HEURISTIC_JUDGE_ID };
    if (id.startsWith('reference:')) {
      throw new InputError(
        `'${id}' is a scripted reference agent and cannot judge; valid: heuristic, or a model id such as openai:gpt-4.1`,
      );
    }
    const model = (models.resolve ?? resolveModel)(id);
    return createLlmJudge(models.wrap ? models.wrap(model) : model, { id, ...options });
  });
}
