import { describe, expect, it } from 'vitest';
import { deadline } from './deadlines.js';

const abortedAfter = (signal: AbortSignal, started: number) =>
  new Promise<{ ms: number; reason: unknown }>((resolve) =>
    signal.addEventListener('abort', () =>
      resolve({ ms: performance.now() - started, reason: signal.reason }),
    ),
  );

describe('deadline', () => {
  it('aborts with a TimeoutError no sooner than the timeout, and at most a little later', async () => {
    const started = performance.now();
    const { ms, reason } = await abortedAfter(deadline(300), started);
    expect(ms).toBeGreaterThanOrEqual(295); // timers may fire a few ms early by this clock
    expect(ms).toBeLessThan(1000);
    expect(reason).toMatchObject({ name: 'TimeoutError' });
  });

  it("aborts with the caller's reason when the caller aborts first", async () => {
    const caller = new AbortController();
    const signal = deadline(60_000, caller.signal);
    const aborted = abortedAfter(signal, performance.now());
    caller.abort(new Error('second Ctrl-C'));
    expect((await aborted).reason).toEqual(new Error('second Ctrl-C'));
  });

  it('gives a later call no shorter a timeout than its own, even when calls share a signal', async () => {
    const first = deadline(400);
    await new Promise((resolve) => setTimeout(resolve, 150));
    const started = performance.now();
    const later = deadline(400);
    const { ms } = await abortedAfter(later, started);
    expect(ms).toBeGreaterThanOrEqual(395);
    expect(first.aborted).toBe(true);
  });

  it('is already aborted when the caller is', () => {
    const caller = new AbortController();
    caller.abort(new Error('stopped'));
    expect(deadline(60_000, caller.signal).aborted).toBe(true);
  });
});
