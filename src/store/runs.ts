import type { RunPlan } from '../run/plan.js';
import type { Db } from './open-database.js';
import { InputError } from '../errors.js';

export type RunStatus = 'running' | 'interrupted' | 'complete';

export interface RunRecord {
  id: string;
  created: string;
  updated: string;
  plan: RunPlan;
  planHash: string;
  /** Scenario name -> sha256 of its pack file. */
  packHashes: Record<string, string>;
  /** The largest number of samples ever requested for this run. */
  samples: number;
  toolVersion: string;
  status: RunStatus;
}

/** A `runs` row as both stores return it (SQLite and PostgreSQL). */
export interface RunRow {
  id: string;
  created: string;
  updated: string;
  plan: string;
  plan_hash: string;
  pack_hashes: string;
  samples: number;
  tool_version: string;
  status: RunStatus;
}

/** A stored run row as a RunRecord (its JSON columns parsed). */
export function fromRow(row: RunRow): RunRecord {
  return {
    id: row.id,
    created: row.created,
    updated: row.updated,
    plan: JSON.parse(row.plan) as RunPlan,
    planHash: row.plan_hash,
    packHashes: JSON.parse(row.pack_hashes) as Record<string, string>,
    samples: row.samples,
    toolVersion: row.tool_version,
    status: row.status,
  };
}

export interface OpenRunInput {
  id: string;
  plan: RunPlan;
  planHash: string;
  packHashes: Record<string, string>;
  samples: number;
  toolVersion: string;
}

/**
 * Finds the run with this plan hash, or creates it. An existing run is marked running
 * again and its sample count raised to `samples` when that is larger (never lowered).
 * Returns the run and whether it was resumed.
 */
export function openRun(
  db: Db,
  input: OpenRunInput,
  now = new Date().toISOString(),
): { run: RunRecord; resumed: boolean } {
  return db
    .transaction(() => {
      const existing = db.prepare('SELECT * FROM runs WHERE plan_hash = ?').get(input.planHash) as
        RunRow | undefined;
      if (existing) {
        db.prepare(
          `UPDATE runs SET samples = MAX(samples, ?), status = 'running', updated = ?, tool_version = ? WHERE id = ?`,
        ).run(input.samples, now, input.toolVersion, existing.id);
        return { run: getRun(db, existing.id)!, resumed: true };
      }
      db.prepare(
        `INSERT INTO runs (id, created, updated, plan, plan_hash, pack_hashes, samples, tool_version, status)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'running')`,
      ).run(
        input.id,
        now,
        now,
        JSON.stringify(input.plan),
        input.planHash,
        JSON.stringify(input.packHashes),
        input.samples,
        input.toolVersion,
      );
      return { run: getRun(db, input.id)!, resumed: false };
    })
    .immediate();
}

export function setRunStatus(
  db: Db,
  id: string,
  status: RunStatus,
  now = new Date().toISOString(),
): void {
  db.prepare('UPDATE runs SET status = ?, updated = ? WHERE id = ?').run(status, now, id);
}

export function getRun(db: Db, id: string): RunRecord | undefined {
  const row = db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as RunRow | undefined;
  return row ? fromRow(row) : undefined;
}

/** All runs, most recently used first. */
export function listRuns(db: Db): RunRecord[] {
  return (
    db.prepare('SELECT * FROM runs ORDER BY updated DESC, created DESC').all() as RunRow[]
  ).map(fromRow);
}

/**
 * The run a report or export should show: `id` when given (InputError naming the known
 * runs when it does not exist), else the most recently used run (InputError when none).
 */
export function resolveRun(db: Db, id?: string): RunRecord {
  const runs = listRuns(db);
  if (id !== undefined) {
    const run = runs.find((r) => r.id === id);
    if (!run) {
      throw new InputError(
        `unknown run '${id}'; valid: ${runs.map((r) => r.id).join(', ') || '(no runs yet)'}`,
      );
    }
    return run;
  }
  const latest = runs[0];
  if (!latest) throw new InputError('the store has no runs yet; start one with `turncoat run`');
  return latest;
}

/**
 * Stored trials of a run with sample index below `samples`, per model: one query, however
 * many trials the plan has.
 */
export function countStoredByModel(db: Db, runId: string, samples: number): Record<string, number> {
  const rows = db
    .prepare('SELECT model, COUNT(*) AS n FROM trials WHERE run = ? AND sample < ? GROUP BY model')
    .all(runId, samples) as { model: string; n: number }[];
  return Object.fromEntries(rows.map((r) => [r.model, r.n]));
}
