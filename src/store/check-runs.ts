/**
 * `turncoat store check`, run by run: each run's trials read back with everything stored
 * about them, errors caught per run (and per trial when a run is damaged), so the runs that
 * SQLite can still read are told apart from those it cannot. Reads only.
 */
import { iterateTrials } from './iterate-trials.js';
import type { Db } from './open-database.js';

/** One run's state in a checked store. */
export interface RunCheck {
  id: string;
  /** `complete`, `interrupted`, `running`; `unknown` when the runs table is unreadable. */
  status: string;
  /** Trials read back in full (the trial, its messages, tool calls, events, findings, verdicts). */
  trials: number;
  /** Trials the run's plan holds (models x conditions x variants x samples), when readable. */
  expected: number | null;
  /** Trials whose row or details could not be read. */
  unreadable: number;
  intact: boolean;
  /** Why the run could not be read back in full, when it could not. */
  problem?: string;
}

/** Everything stored per trial besides its row; each read by trial id. */
const DETAILS = [
  'messages',
  'tool_calls',
  'events',
  'findings',
  'verdicts',
  'model_calls',
  'parse_errors',
];

interface RunRow {
  id: string;
  status: string;
  plan?: string;
  samples?: number;
}

/**
 * The runs to check: from the runs table, or when that is unreadable, the run ids found in
 * the trials SQLite can still scan (status `unknown`). `problem` says why the list is partial.
 */
export function listRuns(db: Db): { runs: RunRow[]; problem?: string } {
  try {
    const runs = db
      .prepare('SELECT id, status, plan, samples FROM runs ORDER BY created')
      .all() as RunRow[];
    return { runs };
  } catch (error) {
    const seen = new Set<string>();
    const problem = `the runs table is unreadable (${messageOf(error)})`;
    try {
      const scan = db.prepare('SELECT run FROM trials NOT INDEXED ORDER BY id').pluck();
      for (const run of scan.iterate() as Iterable<string>) seen.add(run);
    } catch {
      // The scan stops at the first unreadable page: the runs seen so far are listed.
    }
    return { runs: [...seen].map((id) => ({ id, status: 'unknown' })), problem };
  }
}

/**
 * Reads one run back. The fast path streams the run as `turncoat export` does; if that
 * fails, every trial is read on its own so the count of readable trials is exact.
 * @example checkRun(db, { id: 'run-2722b2d10e71', status: 'complete' }).intact
 */
export function checkRun(db: Db, run: RunRow): RunCheck {
  const expected = planSize(run);
  const verdict = (trials: number, unreadable: number, problem?: string): RunCheck => {
    const missing = run.status === 'complete' && expected !== null && trials + unreadable < expected; // prettier-ignore
    const why = problem ?? (missing ? `${expected - trials - unreadable} trials of the plan are missing` : undefined); // prettier-ignore
    return {
      id: run.id,
      status: run.status,
      trials,
      expected,
      unreadable,
      intact: why === undefined && unreadable === 0,
      ...(why ? { problem: why } : {}),
    };
  };
  try {
    let trials = 0;
    for (const trial of iterateTrials(db, run.id)) if (trial) trials++;
    for (const table of detailsOf(db)) {
      const rows = db.prepare(
        `SELECT * FROM ${table} WHERE trial IN (SELECT id FROM trials WHERE run = ?)`,
      );
      drain(rows.iterate(run.id));
    }
    return verdict(trials, 0);
  } catch (error) {
    const { ids, problem: listProblem } = trialIds(db, run.id);
    let trials = 0;
    let first: string | undefined;
    for (const id of ids) {
      try {
        readTrial(db, id);
        trials++;
      } catch (trialError) {
        first ??= messageOf(trialError);
      }
    }
    const unreadable = ids.length - trials;
    // Every trial read on its own: the streamed read failed on another run's pages.
    if (listProblem === undefined && unreadable === 0) return verdict(trials, 0);
    const problem = listProblem ?? `${unreadable} trials unreadable (${first ?? messageOf(error)})`;
    return verdict(trials, unreadable, problem);
  }
}

/** The run's trial ids, by its index or else by scanning the table up to the first bad page. */
function trialIds(db: Db, runId: string): { ids: number[]; problem?: string } {
  try {
    const ids = db
      .prepare('SELECT id FROM trials WHERE run = ? ORDER BY id')
      .pluck()
      .all(runId) as number[];
    return { ids };
  } catch {
    const ids: number[] = [];
    try {
      const scan = db.prepare('SELECT id FROM trials NOT INDEXED WHERE run = ? ORDER BY id');
      for (const id of scan.pluck().iterate(runId) as Iterable<number>) ids.push(id);
      return { ids };
    } catch (error) {
      return { ids, problem: `its list of trials breaks off after ${ids.length} (${messageOf(error)})` }; // prettier-ignore
    }
  }
}

function readTrial(db: Db, id: number): void {
  if (!db.prepare('SELECT * FROM trials WHERE id = ?').get(id))
    throw new Error(`trial ${id} is gone`);
  for (const table of detailsOf(db)) db.prepare(`SELECT * FROM ${table} WHERE trial = ?`).all(id);
}

/** The detail tables and views this store has (an older schema lacks some). */
function detailsOf(db: Db): string[] {
  const names = new Set(db.prepare('SELECT name FROM sqlite_schema').pluck().all() as string[]);
  return DETAILS.filter((name) => names.has(name));
}

/** Reads every row (so SQLite visits every page) without keeping them. */
function drain(rows: Iterable<unknown>): void {
  const iterator = rows[Symbol.iterator]();
  while (!iterator.next().done);
}

/** models x conditions x variants x samples, or null when the plan cannot be read. */
function planSize(run: RunRow): number | null {
  if (run.plan === undefined || run.samples === undefined) return null;
  try {
    const plan = JSON.parse(run.plan) as {
      models: unknown[];
      conditions: unknown[];
      variants: unknown[];
    };
    return plan.models.length * plan.conditions.length * plan.variants.length * run.samples;
  } catch {
    return null;
  }
}

export const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);
