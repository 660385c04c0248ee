import { iterateTrials, type ExportedTrial } from './iterate-trials.js';
import { openDatabase, type Db } from './open-database.js';
import { rateRows, DEFAULT_GROUPING, type GroupField, type RateRow } from './rate-rows.js';
import { resolveRun, type RunRecord } from './runs.js';
import { createTrialWriter, type TrialWriter } from './trial-writer.js';

/**
 * The results store of one output directory (`<out>/turncoat.db`): a thin handle over
 * the SQLite file. Writing goes through `writer`; reading streams (`iterate`) or
 * aggregates in SQL (`rateRows`).
 */
export interface Store {
  db: Db;
  writer: TrialWriter;
  /** The run to show: `id`, or the most recent. Throws InputError when unknown/none. */
  run(id?: string): RunRecord;
  /** Streams one run's trials with findings and verdicts. */
  iterate(runId: string): Generator<ExportedTrial>;
  rateRows(runId: string, groupBy?: readonly GroupField[]): RateRow[];
  close(): void;
}

/**
 * Opens the store in `outDir`. With `create: false` (report, export) a missing store is
 * an InputError telling the user to run first.
 */
export function openStore(outDir: string, options: { create?: boolean } = {}): Store {
  const db = openDatabase(outDir, options);
  let writer: TrialWriter | undefined;
  return {
    db,
    get writer() {
      return (writer ??= createTrialWriter(db));
    },
    run: (id) => resolveRun(db, id),
    iterate: (runId) => iterateTrials(db, runId),
    rateRows: (runId, groupBy = DEFAULT_GROUPING) => rateRows(db, runId, groupBy),
    close: () => db.close(),
  };
}

export type { ExportedTrial, GroupField, RateRow, RunRecord, TrialWriter };
