/**
 * Human labels: a person's ruling on one dimension of one stored trial. Several labellers
 * may label the same trial; a labeller's later label of the same (trial, dimension) wins.
 */
import type { Db } from './open-database.js';

export interface Label {
  id: number;
  trial: number;
  dimension: string;
  value: string | boolean;
  labeller: string;
  created: string;
}

/** Creates the `labels` table when missing; every function here calls it first. */
export function ensureLabelsTable(db: Db): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS labels (
      id INTEGER PRIMARY KEY,
      trial INTEGER NOT NULL REFERENCES trials(id),
      dimension TEXT NOT NULL,
      value TEXT NOT NULL,
      labeller TEXT NOT NULL,
      created TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS labels_trial ON labels (trial, dimension);
  `);
}

/** Stores one label and returns it. */
export function addLabel(
  db: Db,
  input: Omit<Label, 'id' | 'created'>,
  now = new Date().toISOString(),
): Label {
  ensureLabelsTable(db);
  const info = db
    .prepare(
      'INSERT INTO labels (trial, dimension, value, labeller, created) VALUES (?, ?, ?, ?, ?)',
    )
    .run(input.trial, input.dimension, JSON.stringify(input.value), input.labeller, now);
  return { id: Number(info.lastInsertRowid), ...input, created: now };
}

export interface LabelQuery {
  run?: string;
  labeller?: string;
  dimension?: string;
  /** Only each labeller's latest label per (trial, dimension). Default true. */
  latestOnly?: boolean;
}

interface LabelRow {
  id: number;
  trial: number;
  dimension: string;
  value: string;
  labeller: string;
  created: string;
}

/** Labels matching the query, oldest first. */
export function listLabels(db: Db, query: LabelQuery = {}): Label[] {
  ensureLabelsTable(db);
  const where: string[] = [];
  const args: unknown[] = [];
  if (query.run !== undefined) {
    where.push('l.trial IN (SELECT id FROM trials WHERE run = ?)');
    args.push(query.run);
  }
  if (query.labeller !== undefined) {
    where.push('l.labeller = ?');
    args.push(query.labeller);
  }
  if (query.dimension !== undefined) {
    where.push('l.dimension = ?');
    args.push(query.dimension);
  }
  if (query.latestOnly ?? true) {
    where.push(
      'l.id = (SELECT MAX(id) FROM labels m WHERE m.trial = l.trial AND m.dimension = l.dimension AND m.labeller = l.labeller)',
    );
  }
  const sql = `SELECT * FROM labels l ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY l.id`;
  return (db.prepare(sql).all(...args) as LabelRow[]).map((r) => ({
    ...r,
    value: JSON.parse(r.value) as string | boolean,
  }));
}
