/**
 * Adaptive concurrency per provider and per model (AIMD: halve on a 429, add one after N
 * successes, never above the configured maximum), and pausing of a model that keeps
 * failing: its remaining calls wait out a cool-down; the run goes on.
 */
import type { AgentModel, ModelRequest, ModelResponse } from '../agent/model.js';
import { classifyProviderError } from '../agent/providers/classify-error.js';
import {
  abortableSleep,
  combineHooks,
  withRetries,
  type RetryHooks,
  type RetryPolicy,
} from './retry.js';

export interface LimiterOptions {
  max: number;
  min?: number;
  /** Successes in a row before the limit rises by one. */
  increaseAfter?: number;
}

/** A slot held for one call. Report how it went when done. */
export interface Slot {
  release(outcome: 'ok' | 'rate-limited' | 'failed'): void;
}

/** An AIMD limiter. A burst of 429s from calls started before the last cut halves only once. */
export class AdaptiveLimiter {
  readonly max: number;
  private readonly min: number;
  private readonly increaseAfter: number;
  private current: number;
  private active = 0;
  private streak = 0;
  private epoch = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(options: LimiterOptions) {
    this.max = Math.max(1, options.max);
    this.min = Math.max(1, Math.min(options.min ?? 1, this.max));
    this.increaseAfter = options.increaseAfter ?? 5;
    this.current = this.max;
  }

  get limit(): number {
    return this.current;
  }

  get inFlight(): number {
    return this.active;
  }

  /** Waits for a free slot (or until the signal aborts, which rejects). */
  async acquire(signal?: AbortSignal): Promise<Slot> {
    while (this.active >= this.current) {
      signal?.throwIfAborted();
      await new Promise<void>((resolve) => {
        const wake = () => {
          signal?.removeEventListener('abort', wake);
          resolve();
        };
        this.waiting.push(wake);
        signal?.addEventListener('abort', wake, { once: true });
      });
    }
    signal?.throwIfAborted();
    this.active += 1;
    const epoch = this.epoch;
    let released = false;
    return {
      release: (outcome) => {
        if (released) return;
        released = true;
        this.active -= 1;
        if (outcome === 'rate-limited' && epoch === this.epoch) this.decrease();
        if (outcome === 'ok') this.noteSuccess();
        if (outcome === 'failed') this.streak = 0;
        this.wakeAll();
      },
    };
  }

  private decrease(): void {
    this.current = Math.max(this.min, Math.floor(this.current / 2));
    this.epoch += 1;
    this.streak = 0;
  }

  private noteSuccess(): void {
    this.streak += 1;
    if (this.streak >= this.increaseAfter && this.current < this.max) {
      this.current += 1;
      this.streak = 0;
    }
  }

  private wakeAll(): void {
    for (const wake of this.waiting.splice(0)) wake();
  }
}

export interface GovernorOptions {
  /** Maximum concurrent calls per provider (`openai`, `anthropic`, ...). */
  providers?: Record<string, number>;
  /** Maximum concurrent calls per model id. */
  models?: Record<string, number>;
  defaultProviderMax?: number;
  defaultModelMax?: number;
  increaseAfter?: number;
  /** Final failures in a row that pause a model. */
  pauseAfterFailures?: number;
  pauseMs?: number;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  onPause?(modelId: string, untilMs: number): void;
}

export interface ModelLimitState {
  modelId: string;
  limit: number;
  inFlight: number;
  pausedUntil?: number;
}

/** Provider and model limiters plus the pause book, shared by every trial of a run. */
export class ConcurrencyGovernor {
  private readonly providerLimiters = new Map<string, AdaptiveLimiter>();
  private readonly modelLimiters = new Map<string, AdaptiveLimiter>();
  private readonly failures = new Map<string, number>();
  private readonly pausedUntil = new Map<string, number>();
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

  constructor(private readonly options: GovernorOptions = {}) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? abortableSleep;
  }

  /** Runs one model call under both limits, after any pause of that model has passed. */
  async run<T>(modelId: string, call: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.waitUntilOpen(modelId, signal);
    // Model first: calls queued behind their own model's limit must not hold provider
    // slots that another model of the same provider could use.
    const modelSlot = await this.modelLimiter(modelId).acquire(signal);
    let providerSlot: Slot;
    try {
      providerSlot = await this.providerLimiter(modelId).acquire(signal);
    } catch (error) {
      modelSlot.release('failed');
      throw error;
    }
    try {
      const result = await call();
      modelSlot.release('ok');
      providerSlot.release('ok');
      return result;
    } catch (error) {
      const outcome =
        classifyProviderError(error).category === 'rate-limit' ? 'rate-limited' : 'failed';
      modelSlot.release(outcome);
      providerSlot.release(outcome);
      throw error;
    }
  }

  /**
   * Records a call's final outcome; `pauseAfterFailures` failures in a row pause the model.
   * Returns the time (ms, on `now`'s clock) the model is paused until, when this outcome paused it.
   */
  recordOutcome(modelId: string, ok: boolean): number | undefined {
    if (ok) {
      this.failures.set(modelId, 0);
      return undefined;
    }
    const count = (this.failures.get(modelId) ?? 0) + 1;
    this.failures.set(modelId, count);
    if (count >= (this.options.pauseAfterFailures ?? 5)) {
      const until = this.now() + (this.options.pauseMs ?? 60_000);
      this.pausedUntil.set(modelId, until);
      this.failures.set(modelId, 0);
      this.options.onPause?.(modelId, until);
      return until;
    }
    return undefined;
  }

  /** Resolves when the model is not paused. */
  async waitUntilOpen(modelId: string, signal?: AbortSignal): Promise<void> {
    for (;;) {
      const until = this.pausedUntil.get(modelId);
      const left = until === undefined ? 0 : until - this.now();
      if (left <= 0) {
        this.pausedUntil.delete(modelId);
        return;
      }
      signal?.throwIfAborted();
      await this.sleep(left, signal);
    }
  }

  /** Current limits, for progress displays. */
  snapshot(): ModelLimitState[] {
    return [...this.modelLimiters].map(([modelId, limiter]) => ({
      modelId,
      limit: limiter.limit,
      inFlight: limiter.inFlight,
      ...(this.pausedUntil.has(modelId) && { pausedUntil: this.pausedUntil.get(modelId) }),
    }));
  }

  private providerLimiter(modelId: string): AdaptiveLimiter {
    const provider = modelId.split(':')[0] ?? modelId;
    return getOrCreate(this.providerLimiters, provider, () => ({
      max: this.options.providers?.[provider] ?? this.options.defaultProviderMax ?? 8,
      increaseAfter: this.options.increaseAfter,
    }));
  }

  private modelLimiter(modelId: string): AdaptiveLimiter {
    return getOrCreate(this.modelLimiters, modelId, () => ({
      max: this.options.models?.[modelId] ?? this.options.defaultModelMax ?? 4,
      increaseAfter: this.options.increaseAfter,
    }));
  }
}

function getOrCreate(
  map: Map<string, AdaptiveLimiter>,
  key: string,
  options: () => LimiterOptions,
): AdaptiveLimiter {
  let limiter = map.get(key);
  if (!limiter) {
    limiter = new AdaptiveLimiter(options());
    map.set(key, limiter);
  }
  return limiter;
}

/** Puts every attempt of `model.generate` under the governor's limits. */
export function withConcurrency(model: AgentModel, governor: ConcurrencyGovernor): AgentModel {
  return {
    ...model,
    generate: (request: ModelRequest, signal?: AbortSignal): Promise<ModelResponse> =>
      governor.run(model.id, () => model.generate(request, signal), signal),
  };
}

/**
 * The usual stack for a run: each attempt under the limits, retries around them, and final
 * outcomes reported to the governor (so a model that keeps failing is paused).
 * @example const model = withLimitsAndRetries(createProviderModel(id), governor, { maxAttempts: 6 }, progressHooks)
 */
export function withLimitsAndRetries(
  model: AgentModel,
  governor: ConcurrencyGovernor,
  policy: Partial<RetryPolicy> = {},
  hooks: RetryHooks = {},
): AgentModel {
  const outcomes: RetryHooks = {
    onSuccess: (e) => void governor.recordOutcome(e.modelId, true),
    onGiveUp: (e) => {
      const until = governor.recordOutcome(e.modelId, false);
      if (until !== undefined) hooks.onPause?.({ modelId: e.modelId, untilMs: until });
    },
  };
  return withRetries(withConcurrency(model, governor), policy, combineHooks(outcomes, hooks));
}
