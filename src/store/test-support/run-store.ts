/**
 * A fresh store in a temporary folder for each test, with one run ('run-a') of `samples`
 * trials opened in it, closed and removed after the test. `fx.store` may be replaced (a test
 * that reopens the store); the helpers always read the current one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { startJudgePass } from '../judge-passes.js';
import { openRun } from '../runs.js';
import { openStore, type Store } from '../store.js';
import { sampleRunInput } from './sample-trial.js';

export interface RunStoreFixture {
  dir: string;
  store: Store;
  /** Rows in a table or view. */
  count(table: string): number;
  /** The run's trial ids, by sample. */
  trialIds(): number[];
  /** A second judge pass over 'run-a' by judge 'j'. */
  startPass(): ReturnType<typeof startJudgePass>;
}

export function useRunStore(name: string, samples: number): RunStoreFixture {
  const fx = {
    count: (table: string) =>
      fx.store.db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number,
    trialIds: () =>
      fx.store.db.prepare('SELECT id FROM trials ORDER BY sample').pluck().all() as number[],
    startPass: () =>
      startJudgePass(fx.store.db, {
        run: 'run-a',
        judge: 'j',
        judges: ['j'],
        rule: null,
        promptVersion: 'v1',
      }),
  } as RunStoreFixture;
  beforeEach(() => {
    fx.dir = mkdtempSync(join(tmpdir(), `turncoat-${name}-`));
    fx.store = openStore(fx.dir);
    openRun(fx.store.db, sampleRunInput(samples));
  });
  afterEach(() => {
    fx.store.close();
    rmSync(fx.dir, { recursive: true, force: true });
  });
  return fx;
}
