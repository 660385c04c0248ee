/**
 * Limits and pauses as a user meets them: Ctrl-C ends a wait for a slot or a paused model at
 * once, a limit never drops below its floor, models of one provider share its limit, and the
 * progress display sees each model's limit, calls in flight and pause.
 */
import { describe, expect, it } from 'vitest';
import { ProviderError } from '../agent/providers/classify-error.js';
import { AdaptiveLimiter, ConcurrencyGovernor } from './rate-limiter.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('cancelling while waiting (Ctrl-C)', () => {
  it('a call queued for a slot is rejected when the run is cancelled, and takes no slot', async () => {
    const limiter = new AdaptiveLimiter({ max: 1 });
    const held = await limiter.acquire();
    const controller = new AbortController();
    const queued = limiter.acquire(controller.signal);
    await tick();
    controller.abort(new Error('cancelled by the user'));
    await expect(queued).rejects.toThrow('cancelled by the user');
    expect(limiter.inFlight).toBe(1);
    held.release('ok');
    expect(limiter.inFlight).toBe(0);
  });

  it('a cancelled signal gets no slot even when one is free', async () => {
    const limiter = new AdaptiveLimiter({ max: 2 });
    await expect(limiter.acquire(AbortSignal.abort())).rejects.toThrow();
    expect(limiter.inFlight).toBe(0);
  });

  it('a call waiting out a paused model ends at once on cancel, with the real sleep', async () => {
    const governor = new ConcurrencyGovernor({ pauseAfterFailures: 1, pauseMs: 10 * 60_000 });
    governor.recordOutcome('openai:gpt-4.1', false);
    const controller = new AbortController();
    let called = false;
    const waiting = governor.run(
      'openai:gpt-4.1',
      async () => {
        called = true;
      },
      controller.signal,
    );
    setTimeout(() => controller.abort(new Error('cancelled by the user')), 10);
    await expect(waiting).rejects.toThrow('cancelled by the user');
    expect(called).toBe(false);
  }, 10_000);

  it('a call cancelled while queued for its provider gives its model slot back', async () => {
    const governor = new ConcurrencyGovernor({ providers: { openai: 1 } });
    let finish: () => void = () => {};
    const first = governor.run('openai:a', () => new Promise<void>((r) => (finish = r)));
    const controller = new AbortController();
    const second = governor.run('openai:b', async () => 'never', controller.signal);
    await tick();
    controller.abort(new Error('cancelled'));
    await expect(second).rejects.toThrow('cancelled');
    expect(governor.snapshot().find((s) => s.modelId === 'openai:b')?.inFlight).toBe(0);
    finish();
    await first;
  });
});

describe('AdaptiveLimiter bounds', () => {
  it('halves down to its minimum, never below, and a failure resets the climb', async () => {
    const limiter = new AdaptiveLimiter({ max: 16, min: 3, increaseAfter: 2 });
    for (let i = 0; i < 4; i += 1) (await limiter.acquire()).release('rate-limited');
    expect(limiter.limit).toBe(3);
    (await limiter.acquire()).release('ok');
    (await limiter.acquire()).release('failed');
    (await limiter.acquire()).release('ok');
    expect(limiter.limit).toBe(3);
    (await limiter.acquire()).release('ok');
    expect(limiter.limit).toBe(4);
  });

  it('takes a limit of at least one, and a minimum no larger than the maximum', async () => {
    expect(new AdaptiveLimiter({ max: 0 }).limit).toBe(1);
    const limiter = new AdaptiveLimiter({ max: 2, min: 5 });
    (await limiter.acquire()).release('rate-limited');
    expect(limiter.limit).toBe(2);
  });

  it('climbs back after five successes by default', async () => {
    const limiter = new AdaptiveLimiter({ max: 4 });
    (await limiter.acquire()).release('rate-limited');
    for (let i = 0; i < 4; i += 1) (await limiter.acquire()).release('ok');
    expect(limiter.limit).toBe(2);
    (await limiter.acquire()).release('ok');
    expect(limiter.limit).toBe(3);
  });

  it('counts a slot released twice once', async () => {
    const limiter = new AdaptiveLimiter({ max: 4, increaseAfter: 1 });
    const slot = await limiter.acquire();
    slot.release('rate-limited');
    slot.release('rate-limited');
    expect([limiter.limit, limiter.inFlight]).toEqual([2, 0]);
  });
});

describe('ConcurrencyGovernor limits and snapshot', () => {
  it('models of one provider share its limit; other providers do not', async () => {
    const governor = new ConcurrencyGovernor({ providers: { openai: 1 }, defaultModelMax: 4 });
    const finishers: Array<() => void> = [];
    const order: string[] = [];
    const call = (id: string) =>
      governor.run(id, () => {
        order.push(`start ${id}`);
        return new Promise<void>((r) => finishers.push(r));
      });
    const a = call('openai:a');
    const b = call('openai:b');
    const c = call('anthropic:c');
    await tick();
    expect(order).toEqual(['start openai:a', 'start anthropic:c']);
    finishers.shift()!();
    await a;
    await tick();
    expect(order).toContain('start openai:b');
    for (const finish of finishers) finish();
    await Promise.all([b, c]);
  });

  it('uses 4 calls per model and 8 per provider unless configured', async () => {
    const governor = new ConcurrencyGovernor();
    const finishers: Array<() => void> = [];
    let started = 0;
    const calls = Array.from({ length: 6 }, () =>
      governor.run('openai:x', () => {
        started += 1;
        return new Promise<void>((r) => finishers.push(r));
      }),
    );
    await tick();
    expect(started).toBe(4);
    expect(governor.snapshot()).toEqual([{ modelId: 'openai:x', limit: 4, inFlight: 4 }]);
    while (finishers.length > 0) {
      finishers.shift()!();
      await tick();
      await tick();
    }
    await Promise.all(calls);
  });

  it('a rate-limited call lowers its model limit; another failure does not', async () => {
    const governor = new ConcurrencyGovernor({ defaultModelMax: 4 });
    const fail = (error: Error) => governor.run('openai:x', () => Promise.reject(error));
    await fail(new ProviderError('server', 'HTTP 503', true)).catch(() => {});
    expect(governor.snapshot()[0]!.limit).toBe(4);
    await fail(new ProviderError('rate-limit', 'HTTP 429', true, 1000, 429)).catch(() => {});
    expect(governor.snapshot()[0]!.limit).toBe(2);
  });

  it('shows a paused model with the time it resumes, after the default five failures', async () => {
    const governor = new ConcurrencyGovernor({ now: () => 5_000 });
    await governor.run('openai:x', async () => {});
    expect(governor.snapshot()[0]).not.toHaveProperty('pausedUntil');
    for (let i = 0; i < 4; i += 1)
      expect(governor.recordOutcome('openai:x', false)).toBeUndefined();
    expect(governor.recordOutcome('openai:x', false)).toBe(65_000);
    expect(governor.snapshot()[0]).toMatchObject({ modelId: 'openai:x', pausedUntil: 65_000 });
  });
});
