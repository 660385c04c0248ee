import Database from 'better-sqlite3';
import { MIGRATIONS } from '../schema.js';

/** One table of the store: its name and its columns in declaration order. */
export interface StoreTable {
  name: string;
  columns: string[];
  /** The INTEGER PRIMARY KEY column SQLite fills in (an identity column in PostgreSQL). */
  identity?: string;
  /** Foreign keys: which column points at which table. */
  references: { column: string; table: string }[];
}

let cached: StoreTable[] | undefined;

/**
 * Every table of the store's current schema (not views, not `schema_version`), in an order
 * where each table comes after the tables it references: the order to copy them in.
 * Read from the migrations themselves (applied to an empty in-memory SQLite), so a table a
 * new migration adds is copied without a change here.
 * @example storeTables()[0] // { name: 'runs', columns: ['id', 'created', ...] }
 */
export function storeTables(): StoreTable[] {
  if (cached) return cached;
  const db = new Database(':memory:');
  try {
    for (const migration of MIGRATIONS) db.exec(migration);
    const names = db
      .prepare(
        `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid`,
      )
      .pluck()
      .all() as string[];
    const info = new Map<string, StoreTable>();
    for (const name of names) {
      const columns = db.prepare(`PRAGMA table_info("${name}")`).all() as {
        name: string;
        type: string;
        pk: number;
      }[];
      const references = (
        db.prepare(`PRAGMA foreign_key_list("${name}")`).all() as { table: string; from: string }[]
      ).map((r) => ({ column: r.from, table: r.table }));
      const keys = columns.filter((c) => c.pk > 0);
      const withoutRowid = /WITHOUT ROWID\s*$/i.test(
        (db.prepare('SELECT sql FROM sqlite_schema WHERE name = ?').pluck().get(name) as string) ??
          '',
      );
      const identity =
        keys.length === 1 && keys[0]!.type.toUpperCase() === 'INTEGER' && !withoutRowid
          ? keys[0]!.name
          : undefined;
      info.set(name, {
        name,
        columns: columns.map((c) => c.name),
        ...(identity ? { identity } : {}),
        references,
      });
    }
    const ordered: StoreTable[] = [];
    const placed = new Set<string>();
    const place = (name: string) => {
      if (placed.has(name)) return;
      placed.add(name);
      const table = info.get(name)!;
      for (const ref of table.references) if (ref.table !== name) place(ref.table);
      ordered.push(table);
    };
    for (const name of names) place(name);
    cached = ordered;
    return ordered;
  } finally {
    db.close();
  }
}

/** `"name"`: a quoted identifier (the store has a column called `user`, reserved in PostgreSQL). */
export const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;
