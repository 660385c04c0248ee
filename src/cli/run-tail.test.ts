import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../run/scheduler.js';
import { atTail } from './run-tail.js';

const start = (total: number, stored = 0): RunEvent => ({
  type: 'start',
  runId: 'run-1',
  total,
  stored,
  models: {},
});
const trial = { type: 'trial', status: 'ok', harmful: false, costUsd: null } as unknown as RunEvent;
const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('atTail: work for the end of a run, begun while its last trials are in flight', () => {
  it('runs once, after the trial that leaves no more than `concurrency` to finish; every event still reaches onEvent', async () => {
    const seen: string[] = [];
    let calls = 0;
    const onEvent = atTail(
      (e) => seen.push(e.type),
      3,
      () => void calls++,
    );
    onEvent(start(10, 2)); // 8 to run
    for (let i = 0; i < 4; i++) onEvent(trial); // 4 left: one not started yet
    await turn();
    expect(calls).toBe(0);
    onEvent(trial); // 3 left, all in flight
    expect(calls).toBe(0); // not inside the event: on its own turn
    await turn();
    expect(calls).toBe(1);
    for (let i = 0; i < 3; i++) onEvent(trial);
    onEvent({ type: 'end', outcome: {} } as RunEvent);
    await turn();
    expect(calls).toBe(1);
    expect(seen).toEqual(['start', ...Array(8).fill('trial'), 'end']);
  });

  it("never runs for a resumed run with nothing left to do, and a failure in it is not the run's", async () => {
    let calls = 0;
    const idle = atTail(
      () => undefined,
      4,
      () => void calls++,
    );
    idle(start(5, 5));
    idle({ type: 'end', outcome: {} } as RunEvent);
    await turn();
    expect(calls).toBe(0);
    const failing = atTail(
      () => undefined,
      4,
      () => Promise.reject(new Error('no report today')),
    );
    failing(start(2));
    failing(trial);
    await turn();
    await turn(); // no unhandled rejection fails the test
  });
});
