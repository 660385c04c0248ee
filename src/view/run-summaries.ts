/** Every run in the store with its provenance and counts, for the runs page. */
import type { Db } from '../store/open-database.js';
import { listRuns } from '../store/runs.js';
import { runTotals } from '../store/rate-rows.js';
import { listJudgePasses } from '../store/judge-passes.js';
import type { RunSummary } from './api-types.js';

/**
 * The store's runs, most recently used first: plan, pack hashes, tool version, counts,
 * errors by category, estimated cost and judge passes.
 * @example runSummaries(db)[0].totals.harmful
 */
export function runSummaries(db: Db): RunSummary[] {
  const errors = db.prepare(
    `SELECT error_category AS category, COUNT(*) AS n FROM trials
     WHERE run = ? AND status = 'error' GROUP BY error_category`,
  );
  const cost = db.prepare('SELECT SUM(cost_usd) FROM trials WHERE run = ?').pluck();
  return listRuns(db).map((run) => ({
    id: run.id,
    created: run.created,
    updated: run.updated,
    status: run.status,
    toolVersion: run.toolVersion,
    samples: run.samples,
    plan: run.plan as unknown as Record<string, unknown>,
    packHashes: run.packHashes,
    totals: runTotals(db, run.id),
    errorsByCategory: Object.fromEntries(
      (errors.all(run.id) as Array<{ category: string | null; n: number }>).map((e) => [
        e.category ?? 'unknown',
        e.n,
      ]),
    ),
    costUsd: (cost.get(run.id) as number | null) ?? null,
    judgePasses: listJudgePasses(db, run.id).map(({ id, judge, judges, started, finished }) => ({
      id,
      judge,
      judges,
      started,
      finished,
    })),
  }));
}
