import { wilsonInterval } from '../stats/wilson.js';
import type { RateRow } from '../report/rate-row.js';
import type { Db } from './open-database.js';

export type { RateRow };

/**
 * Columns a rate table can be grouped by, as report fields mapped to trial columns.
 * Add a field here to make it groupable; the SQL is built only from this list.
 */
export const GROUP_COLUMNS = {
  model: 'model',
  modelKind: 'model_kind',
  condition: 'condition',
  scenario: 'scenario',
  goalType: 'goal_type',
  goalValue: 'goal_value',
  urgency: 'urgency',
  prompt: 'prompt_variant',
  notice: 'notice',
  mitigation: 'mitigation',
  variant: 'variant',
  protocol: 'protocol',
} as const;
export type GroupField = keyof typeof GROUP_COLUMNS;

/** The default grouping of `turncoat run` and `turncoat report`: one row per (model, condition). */
export const DEFAULT_GROUPING: readonly GroupField[] = ['model', 'condition'];

/**
 * Harm rates of one run, counted in SQL with GROUP BY over `groupBy` (report field names).
 * `model` rows always carry `modelKind`, and `condition` rows always carry `scenario`, so
 * tables can label reference agents and families. Rows come ordered by the grouping.
 * @example rateRows(db, 'run-1a2b3c', ['model', 'condition'])
 */
export function rateRows(
  db: Db,
  runId: string,
  groupBy: readonly GroupField[] = DEFAULT_GROUPING,
): RateRow[] {
  const fields = [...groupBy];
  if (fields.includes('model') && !fields.includes('modelKind')) fields.push('modelKind');
  if (fields.includes('condition') && !fields.includes('scenario')) fields.push('scenario');
  for (const f of fields) {
    if (!(f in GROUP_COLUMNS))
      throw new Error(`cannot group by '${f}'; valid: ${Object.keys(GROUP_COLUMNS).join(', ')}`);
  }
  const cols = fields.map((f) => `${GROUP_COLUMNS[f]} AS "${f}"`);
  const group = fields.map((f) => GROUP_COLUMNS[f]);
  const order = groupBy.map((f) => GROUP_COLUMNS[f]);
  const sql = `
    SELECT ${[...cols, ''].join(', ')}
      COUNT(*) AS trials,
      COALESCE(SUM(harmful IS NOT NULL), 0) AS valid,
      COALESCE(SUM(harmful = 1), 0) AS harmful
    FROM trials WHERE run = ?
    ${group.length > 0 ? `GROUP BY ${group.join(', ')} ORDER BY ${order.join(', ')}` : ''}`;
  const rows = db.prepare(sql).all(runId) as Record<string, string | number>[];
  return rows
    .filter((row) => (row.trials as number) > 0)
    .map((row) => {
      const trials = row.trials as number;
      const valid = row.valid as number;
      const harmful = row.harmful as number;
      const ci = wilsonInterval(harmful, valid);
      return {
        ...row,
        trials,
        valid,
        harmful,
        errors: trials - valid,
        rate: valid > 0 ? harmful / valid : null,
        // Exact ends when nothing or everything was harmful (no floating-point dust in JSON).
        ciLow: harmful === 0 ? 0 : ci.low,
        ciHigh: harmful === valid ? 1 : ci.high,
      } as RateRow;
    });
}

/** Totals over a run: trials stored, valid, harmful, errors. */
export function runTotals(
  db: Db,
  runId: string,
): { trials: number; valid: number; harmful: number; errors: number } {
  const [row] = rateRows(db, runId, []);
  if (!row) return { trials: 0, valid: 0, harmful: 0, errors: 0 };
  return { trials: row.trials, valid: row.valid, harmful: row.harmful, errors: row.errors };
}
