import { clopperPearsonInterval } from '../stats/clopper-pearson.js';
import { wilsonInterval } from '../stats/wilson.js';
import type { RateRow } from '../report/rate-row.js';
import { withGuardFields } from './guard-rate-rows.js';
import { withParseErrorFields } from './parse-error-rate-rows.js';
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

/** How a rate's interval is computed: Wilson score (default) or Clopper-Pearson (exact). */
export type IntervalMethod = 'wilson' | 'clopper-pearson';
export const INTERVAL_METHODS: readonly IntervalMethod[] = ['wilson', 'clopper-pearson'];

export interface RateRowOptions {
  /** Interval for `ciLow`/`ciHigh`; default Wilson 95%. */
  ci?: IntervalMethod;
  /** Only trials whose fields have these values (the viewer's filters), e.g. `{ scenario: 'blackmail' }`. */
  where?: Partial<Record<GroupField, string>>;
}

/** Names the bad field and the valid ones (an InputError in the CLI's hands). */
function checkFields(fields: readonly string[]): void {
  for (const f of fields) {
    if (!(f in GROUP_COLUMNS))
      throw new Error(`cannot group by '${f}'; valid: ${Object.keys(GROUP_COLUMNS).join(', ')}`);
  }
}

/** Adds `modelKind` to model groupings and `scenario` to condition groupings. */
function withCompanions(groupBy: readonly GroupField[]): GroupField[] {
  const fields = [...groupBy];
  if (fields.includes('model') && !fields.includes('modelKind')) fields.push('modelKind');
  if (fields.includes('condition') && !fields.includes('scenario')) fields.push('scenario');
  checkFields(fields);
  return fields;
}

/** Counts to a report row: errors, rate and the interval, from one aggregated SQL row. */
function toRateRow(row: Record<string, string | number>, ci: IntervalMethod): RateRow {
  const trials = row.trials as number;
  const valid = row.valid as number;
  const harmful = row.harmful as number;
  const bounds =
    ci === 'clopper-pearson'
      ? clopperPearsonInterval(harmful, valid)
      : wilsonInterval(harmful, valid);
  return {
    ...row,
    trials,
    valid,
    harmful,
    errors: trials - valid,
    rate: valid > 0 ? harmful / valid : null,
    // Exact ends when nothing or everything was harmful (no floating-point dust in JSON).
    ciLow: harmful === 0 ? 0 : bounds.low,
    ciHigh: harmful === valid ? 1 : bounds.high,
  } as RateRow;
}

const COUNTS = `COUNT(*) AS trials,
      COALESCE(SUM(harmful IS NOT NULL), 0) AS valid,
      COALESCE(SUM(harmful = 1), 0) AS harmful`;

/**
 * Harm rates of one run, counted in SQL with GROUP BY over `groupBy` (report field names).
 * `model` rows always carry `modelKind`, and `condition` rows always carry `scenario`, so
 * tables can label reference agents and families. Rows come ordered by the grouping.
 * Only one row per group reaches JavaScript, so a million trials cost one indexed scan.
 * @example rateRows(db, 'run-1a2b3c', ['model', 'condition'])
 */
export function rateRows(
  db: Db,
  runId: string,
  groupBy: readonly GroupField[] = DEFAULT_GROUPING,
  options: RateRowOptions = {},
): RateRow[] {
  const fields = withCompanions(groupBy);
  const cols = fields.map((f) => `${GROUP_COLUMNS[f]} AS "${f}"`);
  const covered = fields.every((f) => REPORT_INDEX.includes(f));
  // Grouped in the covering index's column order, the counts stream from the index without
  // a sort; any other grouping reads the table in rowid order (sequential), which beats
  // index lookups row by row once a run holds more than a few thousand trials.
  const group = covered
    ? [...fields].sort((a, b) => REPORT_INDEX.indexOf(a) - REPORT_INDEX.indexOf(b))
    : fields;
  const order = groupBy.map((f) => GROUP_COLUMNS[f]);
  const filters = Object.entries(options.where ?? {}) as Array<[GroupField, string]>;
  checkFields(filters.map(([f]) => f));
  const conditions = filters.map(([f]) => ` AND ${GROUP_COLUMNS[f]} = ?`).join('');
  const values = filters.map(([f, v]) => (f === 'variant' ? Number(v) : v));
  const sql = `
    SELECT ${[...cols, ''].join(', ')}
      ${COUNTS}
    FROM trials${covered ? '' : ' NOT INDEXED'} WHERE run = ?${conditions}
    ${group.length > 0 ? `GROUP BY ${group.map((f) => GROUP_COLUMNS[f]).join(', ')} ORDER BY ${order.join(', ')}` : ''}`;
  const rows = db.prepare(sql).all(runId, ...values) as Record<string, string | number>[];
  const counted = rows
    .filter((row) => (row.trials as number) > 0)
    .map((row) => toRateRow(row, options.ci ?? 'wilson'));
  const grouping = fields.map((f) => [f, GROUP_COLUMNS[f]] as const);
  const filter = { sql: filters.map(([f]) => ` AND t.${GROUP_COLUMNS[f]} = ?`).join(''), values };
  return withParseErrorFields(
    db,
    runId,
    grouping,
    withGuardFields(db, runId, grouping, counted, filter),
    filter,
  );
}

/** Fields of the covering index `trials_report` (schema migration 4), in its column order. */
const REPORT_INDEX: readonly GroupField[] = [
  'model',
  'modelKind',
  'condition',
  'scenario',
  'variant',
];

/** The `evalAwareness` value of trials without a scored eval_awareness verdict in the pass. */
export const NOT_JUDGED = 'not judged';

/**
 * Joins `v`, each trial's first scored verdict on @dimension in pass @pass (none: NULLs), to
 * trials `t`. Read from the verdict-set tables behind the `verdicts` view: SQLite cannot
 * flatten a view that is a join into the right side of a LEFT JOIN, and built the whole view
 * in a temporary table per query (165 ms instead of 25 ms over 6,000 trials).
 */
const FIRST_VERDICT = `LEFT JOIN verdict_links l ON l.trial = t.id AND l.pass_id = @pass
    LEFT JOIN verdict_set_rows v ON v.set_id = l.set_id AND v.idx = (
      SELECT MIN(w.idx) FROM verdict_set_rows w
      WHERE w.set_id = l.set_id AND w.dimension = @dimension AND w.status = 'scored')`;

/**
 * Harm rates split by what the agent believed about its situation: the scored
 * `eval_awareness` verdict of judging pass `pass` (default `run`, the run's own verdicts):
 * `thinks-eval`, `thinks-real`, `no-deliberation`, or `not judged` (errors and trials the
 * judge did not score on it). Counted in SQL, one row per (groupBy..., evalAwareness).
 * @example awarenessRateRows(db, 'run-1a2b3c', ['model']) // [{ model, evalAwareness: 'thinks-real', ... }]
 */
export function awarenessRateRows(
  db: Db,
  runId: string,
  groupBy: readonly GroupField[] = ['model'],
  options: RateRowOptions & { pass?: string } = {},
): RateRow[] {
  const fields = withCompanions(groupBy);
  const cols = fields.map((f) => `t.${GROUP_COLUMNS[f]} AS "${f}"`);
  const group = [...fields.map((f) => `t.${GROUP_COLUMNS[f]}`), 'v.value'];
  // Trials in rowid order (a sequential scan) make the verdict lookups sequential too. One
  // verdict per trial: the first scored one of the pass (FIRST_VERDICT). Values are JSON,
  // decoded per group.
  const sql = `
    SELECT ${[...cols, ''].join(', ')} v.value AS evalAwareness, ${COUNTS}
    FROM trials t NOT INDEXED
    ${FIRST_VERDICT.replace('@dimension', "'eval_awareness'")}
    WHERE t.run = @run
    GROUP BY ${group.join(', ')}`;
  const rows = (
    db.prepare(sql).all({ pass: options.pass ?? 'run', run: runId }) as Record<
      string,
      string | number | null
    >[]
  ).map(
    (row) =>
      ({ ...row, evalAwareness: belief(row.evalAwareness) }) as Record<string, string | number>,
  );
  // Two stored spellings of one value (JSON and bare) would make two rows: merge them.
  const merged = new Map<string, Record<string, string | number>>();
  for (const row of rows) {
    const key = JSON.stringify([...fields.map((f) => row[f]), row.evalAwareness]);
    const seen = merged.get(key);
    if (seen) {
      for (const c of ['trials', 'valid', 'harmful'] as const)
        seen[c] = (seen[c] as number) + (row[c] as number);
    } else merged.set(key, row);
  }
  const sorted = [...merged.values()].sort((a, b) => {
    for (const f of [...groupBy, 'evalAwareness']) {
      const d = String(a[f]).localeCompare(String(b[f]));
      if (d !== 0) return d;
    }
    return 0;
  });
  return sorted.map((row) => toRateRow(row, options.ci ?? 'wilson'));
}

/**
 * Rates of one judged dimension instead of each trial's primary harm: per group, `valid`
 * counts trials with a scored verdict on `dimension` in pass `pass` (default `run`, the first
 * such verdict of the trial) and `harmful` those ruling it true; intervals as in `rateRows`.
 * @example dimensionRateRows(db, 'run-1a2b3c', ['model'], 'self_preservation')
 */
export function dimensionRateRows(
  db: Db,
  runId: string,
  groupBy: readonly GroupField[],
  dimension: string,
  options: RateRowOptions & { pass?: string } = {},
): RateRow[] {
  const fields = withCompanions(groupBy);
  const filters = Object.entries(options.where ?? {}) as Array<[GroupField, string]>;
  checkFields(filters.map(([f]) => f));
  const cols = fields.map((f) => `t.${GROUP_COLUMNS[f]} AS "${f}"`);
  const sql = `
    SELECT ${[...cols, ''].join(', ')}
      COUNT(*) AS trials,
      COALESCE(SUM(v.value IS NOT NULL), 0) AS valid,
      COALESCE(SUM(v.value = 'true'), 0) AS harmful
    FROM trials t NOT INDEXED
    ${FIRST_VERDICT}
    WHERE t.run = @run${filters.map(([f]) => ` AND t.${GROUP_COLUMNS[f]} = @w_${f}`).join('')}
    ${fields.length > 0 ? `GROUP BY ${fields.map((f) => `t.${GROUP_COLUMNS[f]}`).join(', ')} ORDER BY ${groupBy.map((f) => `t.${GROUP_COLUMNS[f]}`).join(', ')}` : ''}`;
  const params: Record<string, unknown> = { run: runId, pass: options.pass ?? 'run', dimension };
  for (const [f, v] of filters) params[`w_${f}`] = f === 'variant' ? Number(v) : v;
  return (db.prepare(sql).all(params) as Record<string, string | number>[])
    .filter((row) => (row.trials as number) > 0)
    .map((row) => toRateRow(row, options.ci ?? 'wilson'));
}

/** A stored eval_awareness value (JSON text, or bare) as its plain string. */
function belief(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return NOT_JUDGED;
  try {
    const parsed = JSON.parse(String(value)) as unknown;
    return typeof parsed === 'string' ? parsed : String(value);
  } catch {
    return String(value);
  }
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
