import { describe, expect, it } from 'vitest';
import { timeSlices } from './time-slices.js';
import { busy, turnCounter } from './test-support/event-loop.js';

describe('timeSlices', () => {
  it('runs every task once, in order, a turn later', async () => {
    const later = timeSlices();
    const ran: number[] = [];
    const all = Array.from(
      { length: 50 },
      (_, i) => new Promise<void>((resolve) => later(() => (ran.push(i), resolve()))),
    );
    expect(ran).toEqual([]);
    await Promise.all(all);
    expect(ran).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('lets the event loop turn between slices of long work', async () => {
    const later = timeSlices({ sliceMs: 4 });
    const counter = turnCounter();
    const seen: number[] = [];
    await Promise.all(
      Array.from(
        { length: 20 },
        () =>
          new Promise<void>((resolve) =>
            later(() => {
              busy(2);
              seen.push(counter.turns());
              resolve();
            }),
          ),
      ),
    );
    counter.stop();
    // 40 ms of work in slices of about 4 ms: many turns, and never all of it in one.
    expect(new Set(seen).size).toBeGreaterThanOrEqual(4);
  });

  it('runs a task queued by a task', async () => {
    const later = timeSlices();
    const ran = await new Promise<string[]>((resolve) => {
      const order: string[] = [];
      later(() => {
        order.push('first');
        later(() => (order.push('second'), resolve(order)));
      });
    });
    expect(ran).toEqual(['first', 'second']);
  });

  it('waits a turn at a time while yieldWhile says more urgent work is arriving', async () => {
    let asked = 0;
    const later = timeSlices({ yieldWhile: () => ++asked <= 5, maxYieldMs: 60_000 });
    const counter = turnCounter();
    const ranAt = await new Promise<number>((resolve) => later(() => resolve(counter.turns())));
    counter.stop();
    expect(asked).toBe(6);
    // Five turns given up to the urgent work, then the task ran.
    expect(ranAt).toBeGreaterThanOrEqual(5);
  });

  it('runs its tasks after maxYieldMs even while yieldWhile never stops saying wait', async () => {
    const later = timeSlices({ yieldWhile: () => true, maxYieldMs: 20 });
    const ran: number[] = [];
    await Promise.all(
      [0, 1, 2].map((i) => new Promise<void>((resolve) => later(() => (ran.push(i), resolve())))),
    );
    expect(ran).toEqual([0, 1, 2]);
  });
});
