/**
 * What the progress line and the limiter hear from retries: how many retries, how many
 * rate-limit waits and for how long, how many give-ups, and the attempt count of a success.
 */
import { describe, expect, it } from 'vitest';
import type { ModelRequest } from '../agent/model.js';
import { ProviderError } from '../agent/providers/classify-error.js';
import { scriptedModel } from '../agent/test-support/scripted-model.js';
import {
  backoffDelay,
  combineHooks,
  DEFAULT_RETRY_POLICY,
  retryStats,
  withRetries,
  type RetryHooks,
} from './retry.js';

const request: ModelRequest = {
  system: 's',
  messages: [{ role: 'user', content: 'u' }],
  settings: {},
  sample: 0,
  seed: 1,
};
const noWait = { sleep: async () => {}, random: () => 0.5, timeoutMs: 0 };

describe('retryStats', () => {
  it('counts retries, rate-limit waits with their length, and give-ups', async () => {
    const { hooks, stats } = retryStats();
    const model = scriptedModel([
      new ProviderError('rate-limit', 'HTTP 429', true, 2000, 429),
      new ProviderError('server', 'HTTP 503', true),
      new ProviderError('rate-limit', 'HTTP 429', true, 3000, 429),
      { text: 'ok' },
      new ProviderError('auth', 'HTTP 401', false),
    ]);
    const wrapped = withRetries(model, { ...noWait, baseDelayMs: 100, maxDelayMs: 100 }, hooks);
    expect((await wrapped.generate(request)).text).toBe('ok');
    await wrapped.generate(request).catch(() => {});
    expect(stats).toEqual({ retries: 3, rateLimitWaits: 2, rateLimitWaitMs: 5000, giveUps: 1 });
  });
});

describe('withRetries reports', () => {
  it('each retry with its attempt, category, wait, Retry-After and message; a success with its attempts', async () => {
    const events: unknown[] = [];
    const successes: unknown[] = [];
    const model = scriptedModel([
      new ProviderError('rate-limit', 'HTTP 429: slow down', true, 1500, 429),
      new ProviderError('server', 'HTTP 502', true),
      { text: 'ok' },
    ]);
    const wrapped = withRetries(
      model,
      { ...noWait, baseDelayMs: 1000, maxDelayMs: 8000 },
      { onRetry: (e) => events.push(e), onSuccess: (e) => successes.push(e) },
    );
    await wrapped.generate(request);
    expect(events).toEqual([
      { modelId: 'test:scripted', attempt: 1, category: 'rate-limit', delayMs: 1500, retryAfterMs: 1500, message: 'HTTP 429: slow down' },
      { modelId: 'test:scripted', attempt: 2, category: 'server', delayMs: 1000, retryAfterMs: undefined, message: 'HTTP 502' },
    ]); // prettier-ignore
    expect(successes).toEqual([{ modelId: 'test:scripted', attempts: 3 }]);
  });

  it('gives up after six attempts by default, saying how many were made', async () => {
    const model = scriptedModel(Array.from({ length: 8 }, () => new ProviderError('server', 'HTTP 503', true))); // prettier-ignore
    const gaveUp: Array<{ attempts: number }> = [];
    const wrapped = withRetries(model, noWait, { onGiveUp: (e) => gaveUp.push(e) });
    const error = (await wrapped.generate(request).catch((e: unknown) => e)) as ProviderError;
    expect(error.attempts).toBe(6);
    expect(model.requests).toHaveLength(6);
    expect(gaveUp).toEqual([expect.objectContaining({ attempts: 6, modelId: 'test:scripted' })]);
  });

  it('uses the documented defaults', () => {
    expect(DEFAULT_RETRY_POLICY).toEqual({
      maxAttempts: 6,
      baseDelayMs: 1000,
      maxDelayMs: 60_000,
      timeoutMs: 180_000,
      maxRetryAfterMs: 600_000,
    });
  });
});

describe('backoffDelay', () => {
  it('rounds the jittered wait and caps it at maxDelayMs', () => {
    const policy = { baseDelayMs: 1000, maxDelayMs: 5000 };
    expect(backoffDelay(2, policy, () => 0.3333)).toBe(667);
    expect(backoffDelay(10, policy, () => 0.5)).toBe(2500);
    expect(backoffDelay(1, policy, () => 0.5, 100)).toBe(500);
  });
});

describe('combineHooks', () => {
  it('passes every event to every listener that set it', () => {
    const heard: string[] = [];
    const listener = (name: string): RetryHooks => ({
      onRetry: () => heard.push(`${name} retry`),
      onGiveUp: () => heard.push(`${name} give-up`),
      onSuccess: () => heard.push(`${name} success`),
      onPause: () => heard.push(`${name} pause`),
    });
    const hooks = combineHooks(listener('a'), {}, listener('b'));
    hooks.onRetry!({ modelId: 'm', attempt: 1, category: 'server', delayMs: 1, message: '' });
    hooks.onGiveUp!({ modelId: 'm', attempts: 1, error: new ProviderError('auth', 'x', false) });
    hooks.onSuccess!({ modelId: 'm', attempts: 1 });
    hooks.onPause!({ modelId: 'm', untilMs: 1 });
    expect(heard).toEqual([
      'a retry', 'b retry', 'a give-up', 'b give-up', 'a success', 'b success', 'a pause', 'b pause',
    ]); // prettier-ignore
  });
});
