import { afterEach, describe, expect, it } from 'vitest';
import type { AgentModel, ModelRequest } from '../agent/model.js';
import { ProviderError } from '../agent/providers/classify-error.js';
import { createProviderModel } from '../agent/providers/index.js';
import { startMockOpenAI } from '../agent/providers/test-support/mock-openai.js';
import { reply, type MockServer } from '../agent/providers/test-support/script.js';
import { AdaptiveLimiter, ConcurrencyGovernor, withLimitsAndRetries } from './rate-limiter.js';

const request: ModelRequest = {
  system: 's',
  messages: [{ role: 'user', content: 'u' }],
  settings: {},
  sample: 0,
  seed: 1,
};

describe('AdaptiveLimiter', () => {
  it('halves on a 429, once per burst, and climbs back one at a time', async () => {
    const limiter = new AdaptiveLimiter({ max: 8, increaseAfter: 2 });
    const burst = await Promise.all([limiter.acquire(), limiter.acquire(), limiter.acquire()]);
    for (const slot of burst) slot.release('rate-limited');
    expect(limiter.limit).toBe(4);
    for (let i = 0; i < 4; i += 1) (await limiter.acquire()).release('ok');
    expect(limiter.limit).toBe(6);
  });

  it('never runs more calls at once than its limit', async () => {
    const limiter = new AdaptiveLimiter({ max: 2 });
    let running = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        const slot = await limiter.acquire();
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 1));
        running -= 1;
        slot.release('ok');
      }),
    );
    expect(peak).toBe(2);
  });

  it('stays at or above its minimum and at or below its maximum', async () => {
    const limiter = new AdaptiveLimiter({ max: 3, increaseAfter: 1 });
    for (let i = 0; i < 5; i += 1) (await limiter.acquire()).release('rate-limited');
    expect(limiter.limit).toBe(1);
    for (let i = 0; i < 10; i += 1) (await limiter.acquire()).release('ok');
    expect(limiter.limit).toBe(3);
  });
});

describe('ConcurrencyGovernor', () => {
  it('pauses a model after N final failures in a row, then lets it resume', async () => {
    let now = 1_000;
    const slept: number[] = [];
    const paused: string[] = [];
    const governor = new ConcurrencyGovernor({
      pauseAfterFailures: 3,
      pauseMs: 30_000,
      now: () => now,
      sleep: async (ms) => {
        slept.push(ms);
        now += ms;
      },
      onPause: (id) => paused.push(id),
    });
    for (let i = 0; i < 3; i += 1) governor.recordOutcome('openai:gpt-4.1', false);
    expect(paused).toEqual(['openai:gpt-4.1']);
    await governor.run('anthropic:claude-sonnet-4-5', async () => 'other models run on');
    expect(slept).toEqual([]);
    expect(await governor.run('openai:gpt-4.1', async () => 'resumed')).toBe('resumed');
    expect(slept).toEqual([30_000]);
  });

  it('a model held at its own limit leaves the provider’s slots to other models', async () => {
    const governor = new ConcurrencyGovernor({
      providers: { openai: 2 },
      models: { 'openai:slow': 1 },
    });
    let releaseSlow: () => void = () => {};
    const slowCalls = Array.from({ length: 3 }, () =>
      governor.run('openai:slow', () => new Promise<void>((resolve) => (releaseSlow = resolve))),
    );
    // Two slow calls wait behind the first; the second provider slot is still free.
    expect(await governor.run('openai:fast', async () => 'not starved')).toBe('not starved');
    for (let i = 0; i < 3; i += 1) {
      await new Promise((r) => setImmediate(r));
      releaseSlow();
    }
    await Promise.all(slowCalls);
  });

  it('a success resets the failure count', () => {
    const paused: string[] = [];
    const governor = new ConcurrencyGovernor({
      pauseAfterFailures: 2,
      onPause: (id) => paused.push(id),
    });
    governor.recordOutcome('m:a', false);
    governor.recordOutcome('m:a', true);
    governor.recordOutcome('m:a', false);
    expect(paused).toEqual([]);
  });
});

describe('withLimitsAndRetries', () => {
  let server: MockServer | undefined;
  afterEach(async () => {
    await server?.close();
  });

  it('lowers the model limit when the provider rate-limits, and still completes every call', async () => {
    server = await startMockOpenAI([reply.text('ok')], { rateLimitFraction: 0.4, seed: 3 });
    const raw = createProviderModel('openai:gpt-4.1', {
      env: { OPENAI_API_KEY: 'sk-test-abcdefgh', OPENAI_BASE_URL: server.url },
    });
    const governor = new ConcurrencyGovernor({ defaultModelMax: 6, increaseAfter: 100 });
    const model = withLimitsAndRetries(raw, governor, {
      maxAttempts: 12,
      random: () => 0,
      sleep: async () => {},
    });
    const results = await Promise.all(
      Array.from({ length: 24 }, () => model.generate(request).then((r) => r.text)),
    );
    expect(results.every((t) => t === 'ok')).toBe(true);
    expect(governor.snapshot()[0]!.limit).toBeLessThan(6);
  });

  it('reports final failures so a failing model is paused', async () => {
    const failing: AgentModel = {
      id: 'openai:broken',
      kind: 'language-model',
      generate: async () => {
        throw new ProviderError('auth', 'HTTP 401: bad key', false);
      },
    };
    const paused: string[] = [];
    const governor = new ConcurrencyGovernor({
      pauseAfterFailures: 2,
      onPause: (id) => paused.push(id),
    });
    const model = withLimitsAndRetries(failing, governor);
    for (let i = 0; i < 2; i += 1) await model.generate(request).catch(() => undefined);
    expect(paused).toEqual(['openai:broken']);
  });
});

describe('a model that keeps failing', () => {
  it('is paused through the run stack, and the hooks hear it', async () => {
    const failing: AgentModel = {
      id: 'openai:gpt-4.1',
      kind: 'language-model',
      generate: () => Promise.reject(new ProviderError('auth', 'invalid key', false)),
    };
    const pauses: { modelId: string; untilMs: number }[] = [];
    const governor = new ConcurrencyGovernor({
      pauseAfterFailures: 2,
      pauseMs: 60_000,
      now: () => 0,
    });
    const model = withLimitsAndRetries(failing, governor, {}, { onPause: (e) => pauses.push(e) });
    const request: ModelRequest = { system: '', messages: [], settings: {}, sample: 0, seed: 0 };
    await expect(model.generate(request)).rejects.toThrow('invalid key');
    expect(pauses).toEqual([]);
    await expect(model.generate(request)).rejects.toThrow('invalid key');
    expect(pauses).toEqual([{ modelId: 'openai:gpt-4.1', untilMs: 60_000 }]);
  });
});
