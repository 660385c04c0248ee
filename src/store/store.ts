import { iterateTrials, type ExportedTrial } from './iterate-trials.js';
import { openDatabase, openDatabaseReadOnly, type Db } from './open-database.js';
import { rateRows, DEFAULT_GROUPING, type GroupField, type RateRow } from './rate-rows.js';
import { resolveRun, type RunRecord } from './runs.js';
import { createTrialWriter, type TrialWriter } from './trial-writer.js';
import { runDeferredWritesNow } from './deferred-writes.js';

/**
 * The results store of one output directory (`<out>/turncoat.db`): a thin handle over
 * the SQLite file. Writing goes through `writer`; reading streams (`iterate`) or
 * aggregates in SQL (`rateRows`).
 */
export interface Store extends StoreReader {
  writer: TrialWriter;
}

/** The reading half of a store: what report, export, agreement and the viewer use. */
export interface StoreReader {
  db: Db;
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
    close: () => {
      // Replies cached in the last window (see deferred-writes.ts) are kept, not dropped.
      try {
        if (db.open) runDeferredWritesNow(db);
      } finally {
        db.close();
      }
    },
  };
}

/**
 * Opens the store in `outDir` read-only: never writes to it, migrates nothing, works on a
 * folder the user can only read. For commands that only look (report, export, agreement,
 * the viewer). InputError when there is no store, it is not a turncoat store, or its schema
 * needs an upgrade first.
 * @example const store = openStoreReadOnly('turncoat-out'); try { store.run() } finally { store.close() }
 */
export function openStoreReadOnly(outDir: string): StoreReader {
  const db = openDatabaseReadOnly(outDir);
  return {
    db,
    run: (id) => resolveRun(db, id),
    iterate: (runId) => iterateTrials(db, runId),
    rateRows: (runId, groupBy = DEFAULT_GROUPING) => rateRows(db, runId, groupBy),
    close: () => db.close(),
  };
}

export type { ExportedTrial, GroupField, RateRow, RunRecord, TrialWriter };
