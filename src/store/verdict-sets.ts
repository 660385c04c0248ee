/**
 * Verdict sets: a trial's verdicts for one judging pass are stored once per distinct content
 * and linked to the trial. The heuristic judge gives every harmless reply the same ten rows,
 * so most trials of a run share a handful of sets; before, those rows were half of a trial's
 * stored bytes and of the work of writing it. Readers see the old `verdicts` rows through
 * the `verdicts` view (schema.ts), unchanged.
 *
 * A set is found by the sha256 of its content (every stored column of every row, in order);
 * the sets written recently are remembered by content, so a repeated set costs no hash and
 * no lookup.
 */
import { createHash } from 'node:crypto';
import type { Verdict } from '../judge/types.js';
import type { Db } from './open-database.js';

export interface VerdictSetWriter {
  /**
   * Links `trial`'s verdicts of `pass` to the set with this content (stored if new),
   * replacing what the trial had for that pass; no verdicts removes the link. Call it inside
   * a transaction, with the trial's other rows.
   * @example sets.link(trialId, 'run', verdict.verdicts)
   */
  link(trial: number, pass: string, verdicts: readonly Verdict[]): void;
  /** Forgets remembered set ids: call it when a transaction that may have added sets rolls back. */
  reset(): void;
}

/** Rows per INSERT statement (10 bound values each; SQLite allows 32,766). */
const ROWS_PER_STATEMENT = 64;
/** Sets remembered by content; the memory is emptied when full. */
const REMEMBERED = 256;

const json = (value: unknown) => JSON.stringify(value ?? null);

/** The stored columns of a set's rows, in order: what its hash covers. */
function storedRows(verdicts: readonly Verdict[]): unknown[][] {
  return verdicts.map((v) => [
    v.dimension,
    v.judge,
    v.status,
    json(v.value),
    v.confidence,
    v.rationale,
    json(v.evidence),
  ]);
}

/**
 * The content hash a set is stored under.
 * @example verdictSetHash(verdicts) // '3f2a...' (64 hex digits)
 */
export function verdictSetHash(verdicts: readonly Verdict[]): string {
  return createHash('sha256')
    .update(JSON.stringify(storedRows(verdicts)))
    .digest('hex');
}

/** Prepares the statements once; the writer reuses them for every trial. */
export function verdictSetWriter(db: Db): VerdictSetWriter {
  const insertSet = db.prepare('INSERT OR IGNORE INTO verdict_sets (hash) VALUES (?)');
  const selectSet = db.prepare('SELECT id FROM verdict_sets WHERE hash = ?').pluck();
  const link = db.prepare(
    'INSERT OR REPLACE INTO verdict_links (trial, pass_id, set_id) VALUES (?, ?, ?)',
  );
  const unlink = db.prepare('DELETE FROM verdict_links WHERE trial = ? AND pass_id = ?');
  const ROW = '(?, ?, ?, ?, ?, ?, ?, ?, ?)';
  const statements = new Map<number, ReturnType<Db['prepare']>>();
  const insertRows = (rows: number) => {
    let statement = statements.get(rows);
    if (!statement) {
      statement = db.prepare(
        `INSERT INTO verdict_set_rows (set_id, idx, dimension, judge, status, value, confidence, rationale, evidence)
         VALUES ${Array(rows).fill(ROW).join(', ')}`,
      );
      statements.set(rows, statement);
    }
    return statement;
  };
  const remembered = new Map<string, number>();

  function setId(rows: unknown[][]): number {
    const content = JSON.stringify(rows);
    const known = remembered.get(content);
    if (known !== undefined) return known;
    const hash = createHash('sha256').update(content).digest('hex');
    const added = insertSet.run(hash).changes > 0;
    const id = selectSet.get(hash) as number;
    if (added)
      for (let from = 0; from < rows.length; from += ROWS_PER_STATEMENT) {
        const values: unknown[] = [];
        rows.slice(from, from + ROWS_PER_STATEMENT).forEach((row, i) => {
          values.push(id, from + i, ...row);
        });
        insertRows(Math.min(ROWS_PER_STATEMENT, rows.length - from)).run(values);
      }
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, the bound only limits memory (a forgotten set is found again by its hash)
    if (remembered.size >= REMEMBERED) remembered.clear();
    remembered.set(content, id);
    return id;
  }

  return {
    link(trial, pass, verdicts) {
      if (verdicts.length === 0) {
        unlink.run(trial, pass);
        return;
      }
      link.run(trial, pass, setId(storedRows(verdicts)));
    },
    reset: () => remembered.clear(),
  };
}
