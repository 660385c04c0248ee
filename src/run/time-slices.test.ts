import { afterEach, describe, expect, it, vi } from 'vitest';
import { timeSlices } from './time-slices.js';
import { busy, turnCounter } from './test-support/event-loop.js';

afterEach(() => {
  vi.useRealTimers();
});

/** Queues `count` tasks that each take `ms` on a fake clock; returns the turn each ran in. */
async function turnsOfTasks(count: number, ms: number, sliceMs?: number): Promise<number[]> {
  vi.useFakeTimers({ toFake: ['performance'] });
  const later = timeSlices(sliceMs === undefined ? {} : { sliceMs });
  const counter = turnCounter();
  const turns: number[] = [];
  await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<void>((resolve) =>
          later(() => {
            vi.advanceTimersByTime(ms);
            turns.push(counter.turns());
            resolve();
          }),
        ),
    ),
  );
  counter.stop();
  return turns;
}

/** How many tasks ran in each turn, in order. */
const perTurn = (turns: number[]) =>
  [...new Set(turns)].map((t) => turns.filter((x) => x === t).length);

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

  it('runs quick tasks together in one turn', async () => {
    expect(perTurn(await turnsOfTasks(50, 0))).toEqual([50]);
  });

  it('ends a slice once its tasks have taken sliceMs: 2 ms tasks run two a turn in 4 ms slices', async () => {
    expect(perTurn(await turnsOfTasks(9, 2, 4))).toEqual([2, 2, 2, 2, 1]);
    // A task that overruns the slice ends it: the next waits a turn.
    expect(perTurn(await turnsOfTasks(3, 5, 4))).toEqual([1, 1, 1]);
  });

  it('runs tasks queued after the queue drained, and leaves nothing scheduled once done', async () => {
    const immediates = () =>
      process.getActiveResourcesInfo().filter((r) => r === 'Immediate').length;
    await new Promise((resolve) => setImmediate(resolve));
    const before = immediates();
    const later = timeSlices();
    const ran: string[] = [];
    await new Promise<void>((resolve) => later(() => (ran.push('first'), resolve())));
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise<void>((resolve) => later(() => (ran.push('second'), resolve())));
    await new Promise((resolve) => setImmediate(resolve));
    expect(ran).toEqual(['first', 'second']);
    // Process-wide: an immediate of the test runner's may end meanwhile, never start.
    expect(immediates()).toBeLessThanOrEqual(before);
  });
});
