/**
 * The model stack for judges outside a run (`turncoat judge`): the same adaptive rate
 * limits, retries and response cache in the store that `turncoat run` puts around agent and
 * judge models, so rescoring a run twice with the same judge does not pay twice.
 */
import type { AgentModel } from '../../agent/model.js';
import { parseModelId } from '../../agent/providers/model-id.js';
import { ConcurrencyGovernor, withLimitsAndRetries } from '../../run/rate-limiter.js';
import type { Db } from '../../store/open-database.js';
import { createResponseCache, withCache } from '../../store/response-cache.js';

export interface JudgeStackOptions {
  /** Call the model even when a reply is cached (the fresh reply refreshes the cache). */
  bypassCache?: boolean;
  governor?: ConcurrencyGovernor;
}

/** Returns a function wrapping each judge model in limits, retries and the store's cache. */
export function judgeModelStack(
  db: Db,
  options: JudgeStackOptions = {},
): (model: AgentModel) => AgentModel {
  const governor = options.governor ?? new ConcurrencyGovernor();
  const cache = createResponseCache(db);
  return (model) => {
    if (model.kind !== 'language-model') return model;
    const parsed = parseModelId(model.id);
    const baseURL = model.baseURL ?? parsed.baseURL;
    return withCache(
      withLimitsAndRetries(model, governor),
      cache,
      { provider: parsed.provider, model: parsed.model, ...(baseURL ? { baseURL } : {}) },
      { bypass: options.bypassCache ?? false },
    );
  };
}
