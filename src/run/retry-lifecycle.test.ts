/**
 * What the user feels of retries: Ctrl-C ends a backoff or Retry-After wait at once, a
 * Retry-After far too long is given up on instead of waited out, and a model's own timeout
 * (from the config's settings) cuts a hung call.
 */
import { describe, expect, it } from 'vitest';
import type { AgentModel, ModelRequest } from '../agent/model.js';
import { ProviderError } from '../agent/providers/classify-error.js';
import { scriptedModel } from '../agent/test-support/scripted-model.js';
import { abortableSleep, withRetries, type RetryEvent } from './retry.js';

const request = (settings: ModelRequest['settings'] = {}): ModelRequest => ({
  system: 'You are Ada.',
  messages: [{ role: 'user', content: 'Go.' }],
  settings,
  sample: 0,
  seed: 1,
});

const overloaded = () => new ProviderError('server', 'HTTP 503: overloaded', true);
const slowDown = (retryAfterMs: number) =>
  new ProviderError('rate-limit', 'HTTP 429: slow down', true, retryAfterMs, 429);

/** A model that never answers: it rejects only when its signal aborts. */
function hungModel(): AgentModel & { calls: number } {
  const model = {
    id: 'test:hung',
    kind: 'language-model' as const,
    calls: 0,
    generate(_request: ModelRequest, signal?: AbortSignal) {
      model.calls += 1;
      return new Promise<never>((_resolve, reject) => {
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      });
    },
  };
  return model;
}

describe('cancelling during a wait (Ctrl-C)', () => {
  it.each([
    ['a backoff wait', overloaded()],
    ['a Retry-After wait', slowDown(5 * 60_000)],
  ])(
    'ends %s at once, makes no further attempt and reports no give-up',
    async (_label, failure) => {
      const model = scriptedModel([failure, { text: 'too late' }]);
      const controller = new AbortController();
      const gaveUp: unknown[] = [];
      const retries: RetryEvent[] = [];
      const wrapped = withRetries(
        model,
        // The real, abortable sleep; a minute of backoff that only the cancel can cut short.
        { baseDelayMs: 60_000, maxDelayMs: 60_000, random: () => 1, timeoutMs: 0 },
        {
          onRetry: (event) => {
            retries.push(event);
            setTimeout(() => controller.abort(), 10);
          },
          onGiveUp: (event) => gaveUp.push(event),
        },
      );
      const error = await wrapped.generate(request(), controller.signal).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProviderError);
      expect(retries).toHaveLength(1);
      expect(model.requests).toHaveLength(1);
      expect(gaveUp).toEqual([]);
    },
    10_000,
  );

  it('abortableSleep returns at once for an already-cancelled signal or no time', async () => {
    const cancelled = AbortSignal.abort();
    await abortableSleep(10 * 60_000, cancelled);
    await abortableSleep(0);
    await abortableSleep(-5);
    let woke = false;
    const controller = new AbortController();
    const sleeping = abortableSleep(10 * 60_000, controller.signal).then(() => (woke = true));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(woke).toBe(false);
    controller.abort();
    await sleeping;
    expect(woke).toBe(true);
  }, 10_000);
});

describe('Retry-After', () => {
  function recording(maxRetryAfterMs: number, failure: ProviderError) {
    const waits: number[] = [];
    const gaveUp: Array<{ attempts: number; error: ProviderError }> = [];
    const model = scriptedModel([failure, { text: 'served' }]);
    const wrapped = withRetries(
      model,
      { maxRetryAfterMs, maxAttempts: 6, sleep: async (ms) => void waits.push(ms), timeoutMs: 0 },
      { onGiveUp: (event) => gaveUp.push(event) },
    );
    return { model, wrapped, waits, gaveUp };
  }

  it('gives up at once when the provider asks for a wait longer than maxRetryAfterMs', async () => {
    const { model, wrapped, waits, gaveUp } = recording(10 * 60_000, slowDown(60 * 60_000));
    const error = (await wrapped.generate(request()).catch((e: unknown) => e)) as ProviderError;
    expect([error.category, error.attempts, error.retryAfterMs]).toEqual([
      'rate-limit',
      1,
      60 * 60_000,
    ]);
    expect(waits).toEqual([]);
    expect(model.requests).toHaveLength(1);
    expect(gaveUp).toEqual([expect.objectContaining({ attempts: 1 })]);
  });

  it('waits out a Retry-After of exactly maxRetryAfterMs, then succeeds', async () => {
    const { wrapped, waits, gaveUp } = recording(120_000, slowDown(120_000));
    expect((await wrapped.generate(request())).text).toBe('served');
    expect(waits).toEqual([120_000]);
    expect(gaveUp).toEqual([]);
  });
});

describe('per-call timeout', () => {
  it("applies the model's own timeout from its settings over the policy's", async () => {
    const model = hungModel();
    const wrapped = withRetries(model, { timeoutMs: 10 * 60_000, maxAttempts: 1 });
    const error = (await wrapped
      .generate(request({ timeoutMs: 30 }))
      .catch((e: unknown) => e)) as ProviderError;
    expect([error.category, error.retryable, model.calls]).toEqual(['timeout', true, 1]);
  }, 10_000);

  it("applies the policy's timeout when the model sets none, and retries a timed-out call", async () => {
    const model = hungModel();
    const retries: RetryEvent[] = [];
    const wrapped = withRetries(
      model,
      { timeoutMs: 30, maxAttempts: 2, sleep: async () => {} },
      { onRetry: (event) => retries.push(event) },
    );
    const error = (await wrapped.generate(request()).catch((e: unknown) => e)) as ProviderError;
    expect([error.category, error.attempts, model.calls]).toEqual(['timeout', 2, 2]);
    expect(retries.map((r) => r.category)).toEqual(['timeout']);
  }, 10_000);
});
