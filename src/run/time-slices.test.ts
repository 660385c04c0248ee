import { describe, expect, it } from 'vitest';
import { timeSlices } from './time-slices.js';

/** Keeps the thread busy for `ms` (a judge's or a writer's synchronous work). */
const busy = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

/** Counts turns of the event loop until stopped (an immediate re-queued each turn). */
function turnCounter() {
  let turns = 0;
  let running = true;
  const tick = () => {
    turns++;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  return { turns: () => turns, stop: () => (running = false) };
}

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
    const later = timeSlices(4);
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
});
