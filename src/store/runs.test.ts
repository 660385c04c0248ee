/**
 * Resuming a run: the same plan finds the same run (under the id it was first given), marks
 * it running again and keeps what was stored about it; `--run` names a run or fails naming
 * the ones there are.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { getRun, listRuns, openRun, resolveRun, setRunStatus } from './runs.js';
import { openStore, type Store } from './store.js';
import { samplePlan, sampleRunInput } from './test-support/sample-trial.js';

let dir: string;
let store: Store;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'turncoat-runs-'));
  store = openStore(dir);
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('openRun', () => {
  it('creates a run with everything the plan says, marked running', () => {
    const { run, resumed } = openRun(store.db, sampleRunInput(5), '2026-11-01T10:00:00.000Z');
    expect(resumed).toBe(false);
    expect(run).toEqual({
      id: 'run-a',
      created: '2026-11-01T10:00:00.000Z',
      updated: '2026-11-01T10:00:00.000Z',
      plan: samplePlan,
      planHash: 'h-a',
      packHashes: { blackmail: 'pack-hash-1' },
      samples: 5,
      toolVersion: 'test',
      status: 'running',
    });
  });

  it('resumes the run of the same plan: same id, running again, created kept, version updated', () => {
    openRun(store.db, sampleRunInput(5), '2026-11-01T10:00:00.000Z');
    setRunStatus(store.db, 'run-a', 'interrupted', '2026-11-01T10:05:00.000Z');
    const { run, resumed } = openRun(
      store.db,
      { ...sampleRunInput(3), id: 'run-new-id', toolVersion: '0.2.0' },
      '2026-11-02T09:00:00.000Z',
    );
    expect(resumed).toBe(true);
    expect(run).toMatchObject({
      id: 'run-a',
      created: '2026-11-01T10:00:00.000Z',
      updated: '2026-11-02T09:00:00.000Z',
      samples: 5,
      toolVersion: '0.2.0',
      status: 'running',
    });
    expect(listRuns(store.db).map((r) => r.id)).toEqual(['run-a']);
  });

  it('a different plan is a different run', () => {
    openRun(store.db, sampleRunInput(5));
    const other = openRun(store.db, { ...sampleRunInput(5), id: 'run-b', planHash: 'h-b' });
    expect([other.resumed, other.run.id]).toEqual([false, 'run-b']);
    expect(getRun(store.db, 'run-a')?.planHash).toBe('h-a');
  });
});

describe('setRunStatus, listRuns and resolveRun', () => {
  beforeEach(() => {
    openRun(store.db, sampleRunInput(5), '2026-11-01T10:00:00.000Z');
    openRun(store.db, { ...sampleRunInput(5), id: 'run-b', planHash: 'h-b' }, '2026-11-02T10:00:00.000Z'); // prettier-ignore
  });

  it('records a status change and when it happened', () => {
    setRunStatus(store.db, 'run-a', 'complete', '2026-11-03T08:00:00.000Z');
    expect(getRun(store.db, 'run-a')).toMatchObject({
      status: 'complete',
      updated: '2026-11-03T08:00:00.000Z',
    });
    expect(getRun(store.db, 'run-b')?.status).toBe('running');
    expect(getRun(store.db, 'run-zzz')).toBeUndefined();
  });

  it('lists the most recently used run first, and shows it without --run', () => {
    expect(listRuns(store.db).map((r) => r.id)).toEqual(['run-b', 'run-a']);
    expect(resolveRun(store.db).id).toBe('run-b');
    setRunStatus(store.db, 'run-a', 'complete', '2026-11-03T08:00:00.000Z');
    expect(listRuns(store.db).map((r) => r.id)).toEqual(['run-a', 'run-b']);
    expect(resolveRun(store.db).id).toBe('run-a');
  });

  it('breaks a tie in last use by creation time', () => {
    const tie = '2026-11-05T00:00:00.000Z';
    setRunStatus(store.db, 'run-a', 'complete', tie);
    setRunStatus(store.db, 'run-b', 'complete', tie);
    expect(listRuns(store.db).map((r) => r.id)).toEqual(['run-b', 'run-a']);
  });

  it('finds --run by id, and names every known run for an unknown one', () => {
    expect(resolveRun(store.db, 'run-a').id).toBe('run-a');
    expect(() => resolveRun(store.db, 'run-x')).toThrow(InputError);
    expect(() => resolveRun(store.db, 'run-x')).toThrow("unknown run 'run-x'; valid: run-b, run-a");
  });
});

describe('resolveRun on an empty store', () => {
  it('says there are no runs yet and how to start one', () => {
    expect(() => resolveRun(store.db)).toThrow(
      new InputError('the store has no runs yet; start one with `turncoat run`'),
    );
    expect(() => resolveRun(store.db, 'run-x')).toThrow(
      "unknown run 'run-x'; valid: (no runs yet)",
    );
  });
});
