/**
 * `turncoat run --batch`: a language model whose calls go through its provider's batch API.
 * Each call's batch request id is the response cache's key for it (a sha256 over everything
 * that shapes the reply, the trial's sample and seed included), so the same trial turn gets
 * the same id in every process that runs the plan.
 */
import type { AgentModel, ModelRequest, ModelResponse } from '../../agent/model.js';
import { parseModelId } from '../../agent/providers/model-id.js';
import { PROVIDER_ENV } from '../../agent/providers/language-models.js';
import { InputError } from '../../errors.js';
import type { Db } from '../../store/open-database.js';
import { batchStore } from '../../store/batches.js';
import { cacheKey } from '../../store/response-cache.js';
import { BATCH_PROVIDERS, batchApiFor } from './batch-api.js';
import { Batcher, type BatchEvent } from './batcher.js';

/** `--batch` settings; every field has a default. */
export interface BatchSettings {
  /** How often a submitted batch is polled (`--poll-interval`, default 30 s). */
  pollMs?: number;
  /** A batch goes out once no call has come for this long (default 1 s). */
  gatherMs?: number;
  /** Most requests per batch (default 10,000). */
  maxRequests?: number;
  /** Tries per request, the first included (default 3). */
  attempts?: number;
  /** The env var holding a model's key, when not the provider's usual one (a config's apiKeyEnv). */
  apiKeyEnv?: (modelId: string) => string | undefined;
  env?: Record<string, string | undefined>;
  onEvent?: (event: BatchEvent) => void;
}

export const BATCH_DEFAULTS = { pollMs: 30_000, gatherMs: 1_000, maxRequests: 10_000, attempts: 3 };

/**
 * Whether a model id can run with `--batch` (OpenAI, OpenAI-compatible and Anthropic models).
 * @example canBatch('anthropic:claude-sonnet-4-5') // true
 */
export function canBatch(modelId: string): boolean {
  return BATCH_PROVIDERS.includes(parseModelId(modelId).provider);
}

/** Throws InputError naming a model of the plan that has no batch API. */
export function checkBatchModels(modelIds: readonly string[]): void {
  for (const id of modelIds) {
    if (id.startsWith('reference:') || canBatch(id)) continue;
    throw new InputError(
      `--batch: '${id}' has no batch API; models of these providers can batch: ${BATCH_PROVIDERS.join(', ')} (reference agents run as usual)`,
    );
  }
}

/**
 * Makes the batching layer of a run: `wrap` turns each of the run's language models into one
 * whose calls go through a `Batcher` (one per model) backed by the store's batch tables.
 */
export function createBatching(settings: BatchSettings = {}) {
  const options = { ...BATCH_DEFAULTS, ...withoutUndefined(settings) };
  return {
    wrap(model: AgentModel, db: Db, run: string): AgentModel {
      const parsed = parseModelId(model.id);
      const spec = PROVIDER_ENV[parsed.provider];
      const env = settings.env ?? process.env;
      const keyEnv = settings.apiKeyEnv?.(model.id) ?? spec.keyEnv;
      const apiKey = env[keyEnv]?.trim() || undefined;
      const baseURL = model.baseURL ?? parsed.baseURL ?? spec.defaultBaseURL;
      if (!baseURL) throw new InputError(`--batch: no base URL for '${model.id}'`);
      const batcher = new Batcher({
        api: batchApiFor(parsed.provider, parsed.model, baseURL, apiKey),
        store: batchStore(db),
        run,
        model: model.id,
        pollMs: options.pollMs,
        gatherMs: options.gatherMs,
        maxRequests: options.maxRequests,
        attempts: options.attempts,
        ...(settings.onEvent ? { onEvent: settings.onEvent } : {}),
      });
      const keyParts = { provider: parsed.provider, model: parsed.model, baseURL };
      return {
        ...model,
        generate(request: ModelRequest, signal?: AbortSignal): Promise<ModelResponse> {
          const merged = { ...model.defaults, ...request.settings };
          const customId = cacheKey({
            ...keyParts,
            system: request.system,
            messages: request.messages,
            tools: request.tools,
            settings: merged,
            sample: request.sample,
            seed: request.seed,
          });
          const { scenario: _scenario, ...plain } = request;
          return batcher.request(
            { customId, request: { ...plain, settings: merged } },
            {
              customId,
              condition: request.scenario?.conditionId ?? '',
              variant: request.scenario?.variant ?? 0,
              sample: request.sample,
              step: request.messages.filter((m) => m.role === 'assistant').length + 1,
            },
            signal,
          );
        },
      };
    },
  };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
