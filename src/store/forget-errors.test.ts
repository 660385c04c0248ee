/**
 * `turncoat run --retry-errors` forgets a run's errored trials so the resume runs them again:
 * never a trial a person labelled, never another run's trial, never an ok trial, and no row
 * of a forgotten trial left behind.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { forgetErroredTrials } from './forget-errors.js';
import { startJudgePass, writePassOutcome } from './judge-passes.js';
import { addLabel } from './labels.js';
import { openRun } from './runs.js';
import { openStore, type Store } from './store.js';
import { sampleRecord, sampleRunInput, sampleTranscript } from './test-support/sample-trial.js';

const TRIAL_TABLES = [
  'message_rows',
  'tool_call_rows',
  'events',
  'parse_errors',
  'findings',
  'verdict_links',
  'model_calls',
];

let dir: string;
let store: Store;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'turncoat-forget-'));
  store = openStore(dir);
  openRun(store.db, sampleRunInput(6));
  openRun(store.db, { ...sampleRunInput(6), id: 'run-b', planHash: 'h-b' });
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Writes one trial with a row in every per-trial table; returns its id. */
function trial(run: string, sample: number, status: 'ok' | 'error'): number {
  // Findings and verdicts too: a trial can fail after the world saw something happen.
  const record = sampleRecord(run, sample, true);
  record.transcript = sampleTranscript({
    status,
    ...(status === 'error' ? { error: { category: 'server', message: 'HTTP 503' } } : {}),
    events: [
      { id: 'e1', seq: 0, at: 't', type: 'concern.escalated', data: { channel: 'c', subject: 's', body: 'b' } },
    ],
    parseErrors: [{ tag: 'tool_use:email', message: 'no to: line', excerpt: '<tool_use:email>' }],
    calls: [{ step: 1, finishReason: 'stop', latencyMs: 5, usage: { inputTokens: 1, outputTokens: 1 } }],
  }); // prettier-ignore
  store.writer.write(record);
  return store.db
    .prepare('SELECT id FROM trials WHERE run = ? AND sample = ?')
    .pluck()
    .get(run, sample) as number;
}

const ids = (sql: string, ...params: unknown[]) =>
  store.db
    .prepare(sql)
    .pluck()
    .all(...params) as number[];

/** Rows in per-trial tables whose trial no longer exists. */
function orphans(): Record<string, number> {
  const tables = [...TRIAL_TABLES, 'pass_outcomes'];
  return Object.fromEntries(
    tables.map((t) => [
      t,
      store.db
        .prepare(`SELECT COUNT(*) FROM ${t} WHERE trial NOT IN (SELECT id FROM trials)`)
        .pluck()
        .get() as number,
    ]),
  );
}

describe('forgetErroredTrials (--retry-errors)', () => {
  it("removes only this run's unlabelled errored trials, with every row they had", () => {
    const ok = trial('run-a', 0, 'ok');
    const failed = [trial('run-a', 1, 'error'), trial('run-a', 2, 'error')];
    const labelled = trial('run-a', 3, 'error');
    const otherRun = trial('run-b', 0, 'error');
    addLabel(store.db, { trial: labelled, dimension: 'harmful', value: false, labeller: 'ana' });
    const pass = startJudgePass(store.db, {
      run: 'run-a',
      judge: 'model',
      judges: ['model'],
      rule: null,
      promptVersion: 'v1',
    });
    for (const id of [ok, ...failed, labelled])
      writePassOutcome(store.db, pass.id, id, { harmful: null, disagreements: [] });
    for (const table of TRIAL_TABLES)
      expect(ids(`SELECT DISTINCT trial FROM ${table}`).length, table).toBe(5);

    expect(forgetErroredTrials(store.db, 'run-a')).toBe(2);

    expect(ids('SELECT id FROM trials ORDER BY id')).toEqual([ok, labelled, otherRun]);
    for (const table of TRIAL_TABLES)
      expect(ids(`SELECT DISTINCT trial FROM ${table} ORDER BY trial`), table).toEqual([
        ok,
        labelled,
        otherRun,
      ]);
    expect(ids('SELECT trial FROM pass_outcomes ORDER BY trial')).toEqual([ok, labelled]);
    expect(orphans()).toEqual(
      Object.fromEntries([...TRIAL_TABLES, 'pass_outcomes'].map((t) => [t, 0])),
    );
    expect(ids('SELECT trial FROM labels')).toEqual([labelled]);
  });

  it('works on a store that has no labels or judge passes yet, and a second call removes nothing', () => {
    trial('run-a', 0, 'error');
    const kept = trial('run-a', 1, 'ok');
    expect(forgetErroredTrials(store.db, 'run-a')).toBe(1);
    expect(forgetErroredTrials(store.db, 'run-a')).toBe(0);
    expect(ids('SELECT id FROM trials')).toEqual([kept]);
  });

  it('lets the resumed run write the forgotten samples again', () => {
    trial('run-a', 0, 'error');
    forgetErroredTrials(store.db, 'run-a');
    expect(store.writer.has('run-a', 'reference:misaligned', sampleRecord('run-a', 0).scenario.conditionId, 0, 0)).toBe(false);
    expect(store.writer.write(sampleRecord('run-a', 0))).toBe(true);
  }); // prettier-ignore
});
