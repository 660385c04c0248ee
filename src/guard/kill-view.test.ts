/**
 * The kill switch as the audit writer thread publishes it in shared memory, and as the
 * deciding thread reads it: run here on one thread with a real store file and a second
 * connection for the operator (the thread itself is exercised in kill-switch.test.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KILL_STALE_MS, killSwitchQueries } from '../store/guard-kill-switch.js';
import { openDatabase, type Db } from '../store/open-database.js';
import { STATE, writerState, type WriterState } from './audit-writer-state.js';
import { killView, watchKillSwitch } from './kill-view.js';
import { openGuardStore } from './open-guard-store.js';

let dir: string;
let watcherDb: Db;
let operatorDb: Db;
let state: WriterState;
const stops: Array<() => void> = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'turncoat-kill-view-'));
  watcherDb = openDatabase(dir);
  operatorDb = openDatabase(dir);
  state = writerState();
});
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  watcherDb.close();
  operatorDb.close();
  rmSync(dir, { recursive: true, force: true });
});

const watch = () => {
  const kills = watchKillSwitch(watcherDb, state);
  stops.push(kills.stop);
  return kills;
};
const generation = () => Atomics.load(state.counters, STATE.kills);
const lookedAt = () => Atomics.load(state.killsSeenAt, 0);
const msAgo = (ms: number) => process.hrtime.bigint() - BigInt(ms) * 1_000_000n;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const T0 = Date.parse('2026-11-30T22:00:00Z');

describe('watchKillSwitch (the writer thread)', () => {
  it('looks at once: the view is fresh and its generation moved for the first look', () => {
    const before = process.hrtime.bigint();
    watch();
    expect(generation()).toBe(1);
    expect(lookedAt()).toBeGreaterThanOrEqual(before);
    expect(killView(() => state)()).toBe(1);
  });

  it("moves the generation when another connection's kill or resume changed the scopes, not otherwise", () => {
    const kills = watch();
    const operator = killSwitchQueries(operatorDb);
    kills.look();
    expect(generation()).toBe(1);
    operator.kill('agent-7', 'operator', undefined, T0);
    kills.look();
    expect(generation()).toBe(2);
    kills.look();
    expect(generation()).toBe(2);
    operator.resume('agent-7');
    kills.look();
    expect(generation()).toBe(3);
  });

  it('keeps looking on its own until stopped', async () => {
    const kills = watch();
    Atomics.store(state.killsSeenAt, 0, 0n);
    for (let waited = 0; lookedAt() === 0n && waited < 10_000; waited += 5) await sleep(5);
    expect(lookedAt()).not.toBe(0n);
    kills.stop();
    Atomics.store(state.killsSeenAt, 0, 0n);
    await sleep(30);
    expect(lookedAt()).toBe(0n);
  });

  it('a failed look publishes nothing, so the view goes stale and the guard reads SQLite', () => {
    const kills = watch();
    kills.stop();
    Atomics.store(state.killsSeenAt, 0, msAgo(KILL_STALE_MS + 50));
    const seenAt = lookedAt();
    watcherDb.close();
    expect(() => kills.look()).not.toThrow();
    expect(lookedAt()).toBe(seenAt);
    expect(generation()).toBe(1);
    expect(killView(() => state)()).toBeUndefined();
    watcherDb = openDatabase(dir);
  });
});

describe('killView (the deciding thread)', () => {
  it('is undefined while there is no writer thread', () => {
    expect(killView(() => undefined)()).toBeUndefined();
  });

  it('is undefined before the writer thread has looked', () => {
    expect(killView(() => state)()).toBeUndefined();
  });

  it('gives the generation while the last look is fresh, and nothing once it is older than KILL_STALE_MS', () => {
    Atomics.store(state.counters, STATE.kills, 7);
    const view = killView(() => state);
    Atomics.store(state.killsSeenAt, 0, msAgo(KILL_STALE_MS / 2));
    expect(view()).toBe(7);
    Atomics.store(state.killsSeenAt, 0, msAgo(KILL_STALE_MS * 2));
    expect(view()).toBeUndefined();
  });

  it("a guard on the view sees another connection's kill once the watcher looked, and SQLite's again when the watcher stops", () => {
    const kills = watch();
    const guard = killSwitchQueries(
      watcherDb,
      killView(() => state),
    );
    const operator = killSwitchQueries(operatorDb);
    expect(guard.isKilled('agent-7')).toBe(false);
    kills.stop();
    operator.kill('agent-7', 'operator', undefined, T0);
    kills.look();
    expect(guard.isKilled('agent-7')).toBe(true);
    // The watcher stopped looking: once its last look is stale, data_version answers.
    Atomics.store(state.killsSeenAt, 0, msAgo(KILL_STALE_MS + 50));
    operator.resume('agent-7');
    expect(guard.isKilled('agent-7')).toBe(false);
  });

  it("when the operator's kill returns, a guard whose watcher looked just before it (and not since) stops the session", () => {
    const guard = killSwitchQueries(
      watcherDb,
      killView(() => state),
    );
    const operator = openGuardStore(dir, { auditThread: false });
    try {
      expect(guard.isKilled('agent-7')).toBe(false);
      // The writer thread's last look began now, then it fell silent (a long commit).
      Atomics.store(state.counters, STATE.kills, 1);
      Atomics.store(state.killsSeenAt, 0, process.hrtime.bigint());
      expect(guard.isKilled('agent-7')).toBe(false);
      operator.killSwitch.kill('agent-7', 'operator', 'looks wrong');
      // kill waited until that look was too old to trust: the check reads SQLite.
      expect(guard.isKilled('agent-7')).toBe(true);
    } finally {
      operator.close();
    }
  });
});
