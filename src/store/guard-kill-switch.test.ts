/**
 * The kill switch's table and its two ways of noticing another connection's kill or resume:
 * SQLite's data_version (no view, or a stale one) and a watching thread's generation (a fresh
 * view). Two real connections to one store file stand in for the guard and the operator's
 * `turncoat guard kill` in another process.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GLOBAL_SCOPE, killSwitchQueries, killSwitchWatch } from './guard-kill-switch.js';
import { openDatabase, type Db } from './open-database.js';

let dir: string;
let guardDb: Db;
let operatorDb: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'turncoat-kill-switch-'));
  guardDb = openDatabase(dir);
  operatorDb = openDatabase(dir);
});
afterEach(() => {
  guardDb.close();
  operatorDb.close();
  rmSync(dir, { recursive: true, force: true });
});

const T0 = Date.parse('2026-11-30T22:00:00Z');

describe('kill switch queries', () => {
  it('a killed session stops, other sessions go on; a global kill stops every session', () => {
    const kills = killSwitchQueries(guardDb);
    expect(kills.isKilled('agent-1')).toBe(false);
    kills.kill('agent-1', 'operator', 'looks wrong', T0);
    expect(kills.isKilled('agent-1')).toBe(true);
    expect(kills.isKilled('agent-2')).toBe(false);
    kills.kill(GLOBAL_SCOPE, 'operator', 'stop everything', T0 + 1);
    expect(kills.isKilled('agent-2')).toBe(true);
    expect(kills.isKilled('agent-1')).toBe(true);
  });

  it('resuming the global switch leaves sessions killed one by one as they are', () => {
    const kills = killSwitchQueries(guardDb);
    kills.kill('agent-1', 'operator', undefined, T0);
    kills.kill(GLOBAL_SCOPE, 'operator', undefined, T0 + 1);
    kills.resume(GLOBAL_SCOPE);
    expect(kills.isKilled('agent-1')).toBe(true);
    expect(kills.isKilled('agent-2')).toBe(false);
    kills.resume('agent-1');
    expect(kills.isKilled('agent-1')).toBe(false);
  });

  it('state() names the global switch apart and lists killed sessions in the order they were killed', () => {
    const kills = killSwitchQueries(guardDb);
    expect(kills.state()).toEqual({ global: false, sessions: [] });
    kills.kill('zeta', 'operator', undefined, T0);
    kills.kill('alpha', 'operator', undefined, T0 + 60_000);
    expect(kills.state()).toEqual({ global: false, sessions: ['zeta', 'alpha'] });
    kills.kill(GLOBAL_SCOPE, 'operator', undefined, T0 + 120_000);
    expect(kills.state()).toEqual({ global: true, sessions: ['zeta', 'alpha'] });
  });

  it('records who killed a scope, why and when; killing it again keeps the first record', () => {
    const kills = killSwitchQueries(guardDb);
    kills.kill('agent-1', 'alice@ops', 'emailed the board', T0);
    kills.kill('agent-1', 'bob@ops', 'again', T0 + 5_000);
    kills.kill('agent-2', undefined, undefined, T0);
    kills.kill(GLOBAL_SCOPE, 'carol@ops', 'all stop', T0 + 9_000);
    const rows = guardDb
      .prepare(
        'SELECT scope, killed_at, killed_by, reason FROM guard_kill_switch ORDER BY killed_at, scope',
      )
      .all();
    expect(rows).toEqual([
      {
        scope: 'agent-1',
        killed_at: '2026-11-30T22:00:00.000Z',
        killed_by: 'alice@ops',
        reason: 'emailed the board',
      },
      { scope: 'agent-2', killed_at: '2026-11-30T22:00:00.000Z', killed_by: null, reason: null },
      // The global switch is the row '*': part of the store's format, read by every version.
      {
        scope: '*',
        killed_at: '2026-11-30T22:00:09.000Z',
        killed_by: 'carol@ops',
        reason: 'all stop',
      },
    ]);
  });

  it('without a view, sees a kill and a resume made through another connection at its next check', () => {
    const guard = killSwitchQueries(guardDb);
    const operator = killSwitchQueries(operatorDb);
    expect(guard.isKilled('agent-7')).toBe(false);
    operator.kill('agent-7', 'operator', 'looks wrong', T0);
    expect(guard.isKilled('agent-7')).toBe(true);
    expect(guard.isKilled('agent-8')).toBe(false);
    operator.kill(GLOBAL_SCOPE, 'operator', undefined, T0 + 1);
    expect(guard.isKilled('agent-8')).toBe(true);
    operator.resume(GLOBAL_SCOPE);
    operator.resume('agent-7');
    expect(guard.isKilled('agent-7')).toBe(false);
    expect(guard.isKilled('agent-8')).toBe(false);
  });

  it("with a stale view (undefined), reads SQLite's data_version like no view at all", () => {
    const guard = killSwitchQueries(guardDb, () => undefined);
    const operator = killSwitchQueries(operatorDb);
    expect(guard.isKilled('agent-7')).toBe(false);
    operator.kill('agent-7', 'operator', undefined, T0);
    expect(guard.isKilled('agent-7')).toBe(true);
    operator.resume('agent-7');
    expect(guard.isKilled('agent-7')).toBe(false);
  });

  it("with a fresh view, trusts its generation: another connection's kill counts once the generation moves", () => {
    let generation = 1;
    const guard = killSwitchQueries(guardDb, () => generation);
    const operator = killSwitchQueries(operatorDb);
    expect(guard.isKilled('agent-7')).toBe(false);
    operator.kill('agent-7', 'operator', undefined, T0);
    // The watching thread has not looked yet: the scopes kept in memory still answer.
    expect(guard.isKilled('agent-7')).toBe(false);
    generation = 2;
    expect(guard.isKilled('agent-7')).toBe(true);
    operator.resume('agent-7');
    generation = 3;
    expect(guard.isKilled('agent-7')).toBe(false);
  });

  it("sees its own connection's kill and resume at once, whether or not a view's generation moved", () => {
    for (const view of [undefined, () => 5]) {
      const kills = killSwitchQueries(guardDb, view);
      expect(kills.isKilled('agent-1')).toBe(false);
      kills.kill('agent-1', 'operator', undefined, T0);
      expect(kills.isKilled('agent-1')).toBe(true);
      kills.resume('agent-1');
      expect(kills.isKilled('agent-1')).toBe(false);
    }
  });

  it('a view going stale falls back to data_version, and a fresh one again reloads on a new generation', () => {
    let generation: number | undefined = 1;
    const guard = killSwitchQueries(guardDb, () => generation);
    const operator = killSwitchQueries(operatorDb);
    expect(guard.isKilled('agent-7')).toBe(false);
    generation = undefined;
    operator.kill('agent-7', 'operator', undefined, T0);
    expect(guard.isKilled('agent-7')).toBe(true);
    operator.resume('agent-7');
    generation = 2;
    expect(guard.isKilled('agent-7')).toBe(false);
  });
});

describe('kill switch watch (the watching thread)', () => {
  it('says changed on its first look, then only when another connection changed the killed scopes', () => {
    const changed = killSwitchWatch(guardDb);
    const operator = killSwitchQueries(operatorDb);
    expect(changed()).toBe(true);
    expect(changed()).toBe(false);
    operator.kill('agent-7', 'operator', undefined, T0);
    expect(changed()).toBe(true);
    expect(changed()).toBe(false);
    operator.resume('agent-7');
    expect(changed()).toBe(true);
    expect(changed()).toBe(false);
  });

  it('a commit that leaves the killed scopes as they were is no change', () => {
    const changed = killSwitchWatch(guardDb);
    const operator = killSwitchQueries(operatorDb);
    operator.kill('agent-7', 'operator', undefined, T0);
    expect(changed()).toBe(true);
    // Two commits of another connection that leave the scopes as they were move data_version.
    operatorDb
      .prepare('INSERT INTO guard_kill_switch (scope, killed_at) VALUES (?, ?)')
      .run('agent-9', 'x');
    operatorDb.prepare('DELETE FROM guard_kill_switch WHERE scope = ?').run('agent-9');
    expect(changed()).toBe(false);
    // A kill of a scope already killed changes nothing either.
    operator.kill('agent-7', 'someone else', undefined, T0 + 1);
    expect(changed()).toBe(false);
  });

  it('a kill and a resume of one scope between two looks is no change', () => {
    const changed = killSwitchWatch(guardDb);
    const operator = killSwitchQueries(operatorDb);
    expect(changed()).toBe(true);
    operator.kill('agent-7', 'operator', undefined, T0);
    operator.resume('agent-7');
    expect(changed()).toBe(false);
  });
});
