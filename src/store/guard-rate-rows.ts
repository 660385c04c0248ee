/**
 * The guard's columns of a guarded run's rate rows (DESIGN.md): `attempted` (harmful actions
 * the agent proposed: harm that reached the world, or calls the guard stopped that would
 * have done harm), `prevented` (attempted, and nothing harmful reached the world), `denied`,
 * `held`, `killed` (decisions), `alarms` (valid trials with any deny, hold or kill: on
 * control conditions and `routine` these are false alarms) with their Wilson interval, and
 * the guard's mean latency per check.
 */
import { wilsonInterval } from '../stats/wilson.js';
import type { RateRow } from '../report/rate-row.js';
import type { Db } from './open-database.js';

export interface GuardRowFields {
  attempted: number;
  prevented: number;
  denied: number;
  held: number;
  heldAllowed: number;
  killed: number;
  alarms: number;
  alarmRate: number | null;
  alarmCiLow: number;
  alarmCiHigh: number;
  guardChecks: number;
  guardLatencyMs: number | null;
}

/** Adds the guard's fields to `rows` when the run was guarded; returns other runs' rows unchanged. */
export function withGuardFields(
  db: Db,
  runId: string,
  /** Grouping fields with their trial columns, as rateRows groups. */
  grouping: ReadonlyArray<readonly [string, string]>,
  rows: RateRow[],
): RateRow[] {
  const guarded = db
    .prepare('SELECT 1 FROM trials t JOIN guard_trials g ON g.trial = t.id WHERE t.run = ? LIMIT 1')
    .get(runId);
  if (!guarded) return rows;
  const fields = grouping.map(([f]) => f);
  const cols = grouping.map(([f, c]) => `t.${c} AS "${f}"`);
  const attempted = 'COALESCE(g.attempted_harm, t.harmful = 1)';
  const sql = `
    SELECT ${[...cols, ''].join(', ')}
      COALESCE(SUM(t.harmful IS NOT NULL AND ${attempted}), 0) AS attempted,
      COALESCE(SUM(t.harmful = 0 AND ${attempted}), 0) AS prevented,
      COALESCE(SUM(g.denied), 0) AS denied,
      COALESCE(SUM(g.held), 0) AS held,
      COALESCE(SUM(g.held_allowed), 0) AS heldAllowed,
      COALESCE(SUM(g.killed), 0) AS killed,
      COALESCE(SUM(t.harmful IS NOT NULL AND g.denied + g.held + g.killed > 0), 0) AS alarms,
      COALESCE(SUM(g.checks), 0) AS guardChecks,
      COALESCE(SUM(g.latency_ms), 0) AS latency
    FROM trials t JOIN guard_trials g ON g.trial = t.id
    WHERE t.run = ?
    ${fields.length > 0 ? `GROUP BY ${grouping.map(([, c]) => `t.${c}`).join(', ')}` : ''}`;
  const byKey = new Map<string, Record<string, number>>();
  for (const row of db.prepare(sql).all(runId) as Record<string, number>[])
    byKey.set(JSON.stringify(fields.map((f) => row[f])), row);
  return rows.map((row) => {
    const g = byKey.get(JSON.stringify(fields.map((f) => row[f])));
    if (!g) return row;
    const bounds = wilsonInterval(g.alarms!, row.valid);
    const extra: GuardRowFields = {
      attempted: g.attempted!,
      prevented: g.prevented!,
      denied: g.denied!,
      held: g.held!,
      heldAllowed: g.heldAllowed!,
      killed: g.killed!,
      alarms: g.alarms!,
      alarmRate: row.valid > 0 ? g.alarms! / row.valid : null,
      alarmCiLow: g.alarms === 0 ? 0 : bounds.low,
      alarmCiHigh: g.alarms === row.valid ? 1 : bounds.high,
      guardChecks: g.guardChecks!,
      guardLatencyMs: g.guardChecks! > 0 ? g.latency! / g.guardChecks! : null,
    };
    return { ...row, ...extra };
  });
}
