/** The results page: the report's rate rows (same SQL, same intervals), filtered by axis values. */
import type { Db } from '../store/open-database.js';
import {
  awarenessRateRows,
  dimensionRateRows,
  GROUP_COLUMNS,
  rateRows,
  type GroupField,
} from '../store/rate-rows.js';
import { parseGrouping } from '../report/grouping.js';
import type { ResultsTable } from './api-types.js';

/**
 * Rate rows of `run` grouped by `by` (as `turncoat report --by`), restricted to trials whose
 * axes have the values in `where`; with `dimension`, the rate of verdicts ruling that
 * dimension true instead of the primary harm. Also lists each axis's values in the run, for menus.
 * Throws InputError for an unknown axis.
 * @example resultsTable(db, 'run-1', 'model,condition', { scenario: 'blackmail' })
 */
export function resultsTable(
  db: Db,
  run: string,
  by: string,
  where: Partial<Record<GroupField, string>>,
  dimension?: string,
): ResultsTable {
  const grouping = parseGrouping(by);
  if (dimension !== undefined)
    return {
      run,
      groupBy: grouping.keys.filter((k) => k !== 'evalAwareness'),
      dimension,
      rows: dimensionRateRows(db, run, grouping.fields, dimension, { where }),
      axes: axisValues(db, run),
    };
  const rows = grouping.awareness
    ? awarenessRateRows(db, run, grouping.fields).filter((row) =>
        Object.entries(where).every(([f, v]) => String(row[f]) === v),
      )
    : rateRows(db, run, grouping.fields, { where });
  return { run, groupBy: grouping.keys, dimension: null, rows, axes: axisValues(db, run) };
}

const axisCache = new WeakMap<Db, Map<string, Record<string, string[]>>>();

/**
 * Distinct values of each groupable axis in one run, from one sequential pass over its
 * trials; kept until the store has more trials.
 */
export function axisValues(db: Db, run: string): Record<string, string[]> {
  const key = `${run}@${db.prepare('SELECT MAX(id) FROM trials').pluck().get() as number}`;
  const cache = axisCache.get(db) ?? new Map<string, Record<string, string[]>>();
  axisCache.set(db, cache);
  const cached = cache.get(key);
  if (cached) return cached;
  const fields = Object.entries(GROUP_COLUMNS);
  const combos = db
    .prepare(
      `SELECT DISTINCT ${fields.map(([f, c]) => `${c} AS "${f}"`).join(', ')} FROM trials NOT INDEXED WHERE run = ?`,
    )
    .all(run) as Array<Record<string, string | number>>;
  const axes: Record<string, string[]> = {};
  for (const [field] of fields)
    axes[field] = [...new Set(combos.map((row) => String(row[field])))].sort((a, b) =>
      a.localeCompare(b, 'en', { numeric: true }),
    );
  cache.set(key, axes);
  return axes;
}
