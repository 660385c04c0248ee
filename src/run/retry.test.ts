import { afterEach, describe, expect, it } from 'vitest';
import type { AgentModel, ModelRequest } from '../agent/model.js';
import { createProviderModel } from '../agent/providers/index.js';
import { ProviderError } from '../agent/providers/classify-error.js';
import { startMockOpenAI } from '../agent/providers/test-support/mock-openai.js';
import { startMockAnthropic } from '../agent/providers/test-support/mock-anthropic.js';
import {
  reply,
  type MockScript,
  type MockServer,
  type MockServerOptions,
} from '../agent/providers/test-support/script.js';
import { backoffDelay, retryStats, withRetries, type RetryEvent } from './retry.js';

const KEY = 'sk-test-retry-0123456789';
const request: ModelRequest = {
  system: 'You are Ada.',
  messages: [{ role: 'user', content: 'Go.' }],
  settings: {},
  sample: 0,
  seed: 1,
};

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Retries with recorded (not slept) waits, so no test depends on the clock. */
function retrying(model: AgentModel, extra: { timeoutMs?: number; maxAttempts?: number } = {}) {
  const waits: number[] = [];
  const events: RetryEvent[] = [];
  const wrapped = withRetries(
    model,
    {
      baseDelayMs: 100,
      maxDelayMs: 1000,
      random: () => 0.5,
      sleep: async (ms) => void waits.push(ms),
      timeoutMs: extra.timeoutMs ?? 5000,
      maxAttempts: extra.maxAttempts ?? 4,
    },
    { onRetry: (e) => events.push(e) },
  );
  return { model: wrapped, waits, events };
}

async function openAI(script: MockScript, stream = false, options?: MockServerOptions) {
  server = await startMockOpenAI(script, options);
  return createProviderModel('openai:gpt-4.1', {
    stream,
    env: { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: server.url },
  });
}

describe('withRetries against the mock servers', () => {
  it('waits out a 429 for at least its Retry-After, then succeeds', async () => {
    const { model, waits, events } = retrying(
      await openAI([reply.rateLimit(3), reply.text('done')]),
    );
    const response = await model.generate(request);
    expect(response.text).toBe('done');
    expect(waits).toEqual([3000]);
    expect(events[0]).toMatchObject({ category: 'rate-limit', retryAfterMs: 3000, attempt: 1 });
    expect(server!.requests).toHaveLength(2);
  });

  it.each([
    ['a 500', reply.serverError(500), 'server'],
    ['garbage', reply.garbage(), 'invalid-response'],
    ['an empty reply', reply.empty(), 'invalid-response'],
  ])('retries %s and succeeds', async (_label, fault, category) => {
    const { model, events } = retrying(await openAI([fault, reply.text('recovered')]));
    expect((await model.generate(request)).text).toBe('recovered');
    expect(events.map((e) => e.category)).toEqual([category]);
  });

  it.each([false, true])('retries a stream or body cut mid-way (stream: %s)', async (stream) => {
    const { model, events } = retrying(await openAI([reply.cut(), reply.text('whole')], stream));
    expect((await model.generate(request)).text).toBe('whole');
    expect(events.map((e) => e.category)).toEqual(['network']);
  });

  it('times out a hung call and retries it', async () => {
    const { model, events } = retrying(
      await openAI([reply.hang(), reply.text('late but fine')], true),
      { timeoutMs: 2000 },
    );
    expect((await model.generate(request)).text).toBe('late but fine');
    expect(events.map((e) => e.category)).toEqual(['timeout']);
  });

  it('retries a truncated Anthropic stream', async () => {
    server = await startMockAnthropic([reply.cut(), reply.text('complete')]);
    const raw = createProviderModel('anthropic:claude-sonnet-4-5', {
      stream: true,
      env: { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: server.url },
    });
    const { model, events } = retrying(raw);
    expect((await model.generate(request)).text).toBe('complete');
    expect(events.map((e) => e.category)).toEqual(['network']);
  });

  it('does not retry auth failures and keeps the key out of the error', async () => {
    const { model, events } = retrying(
      await openAI([reply.status(401, `Incorrect API key provided: ${KEY}`)]),
    );
    const error = (await model.generate(request).catch((e: unknown) => e)) as ProviderError;
    expect([error.category, error.attempts]).toEqual(['auth', 1]);
    expect(events).toEqual([]);
    expect(error.message).not.toContain(KEY);
  });

  it('gives up after maxAttempts with the last category', async () => {
    const { model, waits } = retrying(await openAI([reply.serverError(502)]), { maxAttempts: 3 });
    const error = (await model.generate(request).catch((e: unknown) => e)) as ProviderError;
    expect([error.category, error.attempts]).toEqual(['server', 3]);
    expect(waits).toEqual([50, 100]);
    expect(server!.requests).toHaveLength(3);
  });

  it('gets every call through when 30% of calls are rate limited (seeded)', async () => {
    const raw = await openAI([reply.text('ok')], false, { rateLimitFraction: 0.3, seed: 7 });
    const { hooks, stats } = retryStats();
    const model = withRetries(
      raw,
      { maxAttempts: 10, random: () => 0, sleep: async () => {} },
      hooks,
    );
    const texts = await Promise.all(
      Array.from({ length: 20 }, () => model.generate(request).then((r) => r.text)),
    );
    expect(texts).toEqual(Array(20).fill('ok'));
    expect(stats.rateLimitWaits).toBeGreaterThan(0);
    expect(server!.requests.length).toBe(20 + stats.rateLimitWaits);
  });

  it('stops at once when the caller aborts', async () => {
    const controller = new AbortController();
    // The caller cancels while the server holds the first request.
    const raw = await openAI(() => {
      setImmediate(() => controller.abort());
      return reply.hang();
    });
    const model = withRetries(raw, { timeoutMs: 0, sleep: async () => {} });
    const error = (await model
      .generate(request, controller.signal)
      .catch((e: unknown) => e)) as ProviderError;
    expect(error.retryable).toBe(false);
    expect(server!.requests).toHaveLength(1);
  });
});

describe('backoffDelay', () => {
  it('grows exponentially under the cap and respects Retry-After', () => {
    const policy = { baseDelayMs: 1000, maxDelayMs: 8000 };
    expect([1, 2, 3, 4, 5].map((a) => backoffDelay(a, policy, () => 1))).toEqual([
      1000, 2000, 4000, 8000, 8000,
    ]);
    expect(backoffDelay(1, policy, () => 0)).toBe(0);
    expect(backoffDelay(1, policy, () => 0.5, 30_000)).toBe(30_000);
  });
});
