/**
 * The parse-error column of a run's rate rows: per row, the trials whose reply had action
 * tags that were not performed (malformed, or swallowed by an unclosed reasoning block). Such
 * a trial is still scored on what it did perform, so the count says how many verdicts rest
 * on a reply the parser could not fully read. A scratchpad closed with an unusual closer
 * (`</think>`) is recorded as a note with tag `reasoning-closer`; its actions were performed,
 * so it is not counted. Added only when the run has any, like the guard's fields.
 */
import { ODD_CLOSER_TAG } from '../agent/protocols/private-reasoning.js';
import type { RateRow } from '../report/rate-row.js';
import type { Db } from './open-database.js';

/**
 * Adds `parseErrors` to every row when some trial of the run has a parse error; returns the
 * rows unchanged otherwise.
 * @example withParseErrorFields(db, 'import-1a2b', [['model', 'model']], rows)[0]?.parseErrors // 2
 */
export function withParseErrorFields(
  db: Db,
  runId: string,
  /** Grouping fields with their trial columns, as rateRows groups. */
  grouping: ReadonlyArray<readonly [string, string]>,
  rows: RateRow[],
  /** The rate rows' own filter (`AND t.col = ?...`) and its values, so both count the same trials. */
  filter: { sql: string; values: unknown[] } = { sql: '', values: [] },
): RateRow[] {
  const unread = 'EXISTS (SELECT 1 FROM parse_errors p WHERE p.trial = t.id AND p.tag <> ?)';
  // From the parse errors to the run's trials (CROSS JOIN keeps that order): a run without
  // any is answered at once, not by looking up each of its trials.
  const any = db
    .prepare(
      'SELECT 1 FROM parse_errors p CROSS JOIN trials t ON t.id = p.trial WHERE t.run = ? AND p.tag <> ? LIMIT 1',
    )
    .get(runId, ODD_CLOSER_TAG);
  if (!any) return rows;
  const fields = grouping.map(([f]) => f);
  const cols = grouping.map(([f, c]) => `t.${c} AS "${f}"`);
  const sql = `
    SELECT ${[...cols, ''].join(', ')} COUNT(*) AS parseErrors
    FROM trials t
    WHERE t.run = ?${filter.sql} AND ${unread}
    ${fields.length > 0 ? `GROUP BY ${grouping.map(([, c]) => `t.${c}`).join(', ')}` : ''}`;
  const byKey = new Map<string, number>();
  for (const row of db.prepare(sql).all(runId, ...filter.values, ODD_CLOSER_TAG) as Record<
    string,
    number
  >[])
    byKey.set(JSON.stringify(fields.map((f) => row[f])), row.parseErrors!);
  return rows.map((row) => ({
    ...row,
    parseErrors: byKey.get(JSON.stringify(fields.map((f) => row[f]))) ?? 0,
  }));
}
