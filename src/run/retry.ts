/**
 * Retries around any `AgentModel`: exponential backoff with full jitter for retryable
 * failures (rate limits, 5xx, timeouts, resets, cut streams, garbage), honouring the
 * provider's Retry-After, with a per-call timeout merged into the caller's signal.
 */
import type { AgentModel, ModelRequest, ModelResponse } from '../agent/model.js';
import { ProviderError } from '../agent/providers/classify-error.js';
import type { ErrorCategory } from '../agent/trial-types.js';
import { deadline } from './deadlines.js';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Backoff ceiling for the first retry; doubles each attempt. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Per-call timeout; `request.settings.timeoutMs` wins. 0 turns it off. */
  timeoutMs: number;
  /** A Retry-After longer than this ends the retries (the provider said: not soon). */
  maxRetryAfterMs: number;
  /** Injected for tests; defaults to Math.random and a real, abortable sleep. */
  random?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 1000,
  maxDelayMs: 60_000,
  timeoutMs: 180_000,
  maxRetryAfterMs: 10 * 60_000,
};

export interface RetryEvent {
  modelId: string;
  /** The attempt that failed (1-based). */
  attempt: number;
  category: ErrorCategory;
  /** How long we wait before the next attempt. */
  delayMs: number;
  retryAfterMs?: number;
  message: string;
}

export interface RetryHooks {
  onRetry?(event: RetryEvent): void;
  /** The call failed for good (not retryable, or attempts exhausted). */
  onGiveUp?(event: { modelId: string; attempts: number; error: ProviderError }): void;
  onSuccess?(event: { modelId: string; attempts: number }): void;
  /** The model failed for good too often in a row and is paused until `untilMs` (Date.now clock). */
  onPause?(event: { modelId: string; untilMs: number }): void;
}

/**
 * Full-jitter backoff: a uniform wait in [0, min(max, base * 2^(attempt-1))], but never less
 * than the provider's Retry-After.
 * @example backoffDelay(3, policy, () => 0.5) // 2000 with base 1000
 */
export function backoffDelay(
  attempt: number,
  policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>,
  random: () => number,
  retryAfterMs?: number,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const jittered = Math.round(random() * ceiling);
  return retryAfterMs === undefined ? jittered : Math.max(retryAfterMs, jittered);
}

/** Wraps `model.generate` with retries. Final failures are thrown as `ProviderError` with `attempts`. */
export function withRetries(
  model: AgentModel,
  policy: Partial<RetryPolicy> = {},
  hooks: RetryHooks = {},
): AgentModel {
  const p: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...policy };
  const random = p.random ?? Math.random;
  const sleep = p.sleep ?? abortableSleep;
  return {
    ...model,
    async generate(request: ModelRequest, signal?: AbortSignal): Promise<ModelResponse> {
      const timeoutMs = request.settings.timeoutMs ?? p.timeoutMs;
      for (let attempt = 1; ; attempt += 1) {
        const attemptSignal = timeoutMs > 0 ? deadline(timeoutMs, signal) : signal;
        try {
          const response = await model.generate(request, attemptSignal);
          hooks.onSuccess?.({ modelId: model.id, attempts: attempt });
          return response;
        } catch (caught) {
          const error = ProviderError.from(caught);
          error.attempts = attempt;
          const tooLong =
            error.retryAfterMs !== undefined && error.retryAfterMs > p.maxRetryAfterMs;
          // A caller's cancel is not the model's failure: no give-up is reported.
          if (signal?.aborted) throw error;
          if (!error.retryable || attempt >= p.maxAttempts || tooLong) {
            hooks.onGiveUp?.({ modelId: model.id, attempts: attempt, error });
            throw error;
          }
          const delayMs = backoffDelay(attempt, p, random, error.retryAfterMs);
          hooks.onRetry?.({
            modelId: model.id,
            attempt,
            category: error.category,
            delayMs,
            retryAfterMs: error.retryAfterMs,
            message: error.message,
          });
          await sleep(delayMs, signal);
          if (signal?.aborted) throw error;
        }
      }
    },
  };
}

/** Counters for progress displays: retries, and rate-limit waits (count and seconds). */
export function retryStats(): {
  hooks: RetryHooks;
  stats: { retries: number; rateLimitWaits: number; rateLimitWaitMs: number; giveUps: number };
} {
  const stats = { retries: 0, rateLimitWaits: 0, rateLimitWaitMs: 0, giveUps: 0 };
  return {
    stats,
    hooks: {
      onRetry(event) {
        stats.retries += 1;
        if (event.category === 'rate-limit') {
          stats.rateLimitWaits += 1;
          stats.rateLimitWaitMs += event.delayMs;
        }
      },
      onGiveUp() {
        stats.giveUps += 1;
      },
    },
  };
}

/** Calls every hook set in turn, so progress and the limiter can both listen. */
export function combineHooks(...sets: RetryHooks[]): RetryHooks {
  return {
    onRetry: (e) => sets.forEach((s) => s.onRetry?.(e)),
    onGiveUp: (e) => sets.forEach((s) => s.onGiveUp?.(e)),
    onSuccess: (e) => sets.forEach((s) => s.onSuccess?.(e)),
    onPause: (e) => sets.forEach((s) => s.onPause?.(e)),
  };
}

/** setTimeout as a promise that ends early (without throwing) when the signal aborts. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted || ms <= 0) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
