/**
 * Raw verdict rows for tests that need rows the judges never write (a bare, not JSON-encoded
 * value; gaps in idx): written into the tables behind the `verdicts` view as the migration
 * laid out rows stored before verdict sets, one set per trial and pass ('stored:TRIAL:PASS').
 */
import type { Db } from '../open-database.js';

export interface RawVerdictRow {
  trial: number;
  pass?: string;
  idx?: number;
  dimension: string;
  judge?: string;
  status?: string;
  /** Stored as given (the judges store JSON text). */
  value: string | null;
  confidence?: number;
  rationale?: string;
  evidence?: string;
}

/** Adds one row to the trial's own set for the pass (made and linked on first use). */
export function insertVerdictRow(db: Db, row: RawVerdictRow): void {
  const pass = row.pass ?? 'run';
  const hash = `stored:${row.trial}:${pass}`;
  db.prepare('INSERT OR IGNORE INTO verdict_sets (hash) VALUES (?)').run(hash);
  const set = db.prepare('SELECT id FROM verdict_sets WHERE hash = ?').pluck().get(hash) as number;
  db.prepare('INSERT OR IGNORE INTO verdict_links (trial, pass_id, set_id) VALUES (?, ?, ?)').run(
    row.trial,
    pass,
    set,
  );
  db.prepare(
    `INSERT INTO verdict_set_rows (set_id, idx, dimension, judge, status, value, confidence, rationale, evidence)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    set,
    row.idx ?? 0,
    row.dimension,
    row.judge ?? 'j',
    row.status ?? 'scored',
    row.value,
    row.confidence ?? 1,
    row.rationale ?? '',
    row.evidence ?? '[]',
  );
}
