import { join } from 'node:path';
import { openDatabase, openDatabaseReadOnly, STORE_FILE, type Db } from '../open-database.js';
import { inTransaction, openPostgres, type PgClient, type PgPool } from './pg-database.js';
import { redactPostgresUrl } from './pg-url.js';
import { quoted, type StoreTable } from './store-tables.js';

/** Where rows are read from during a copy: one consistent view of the whole store. */
export interface StoreSource {
  /** What the user named, safe to print (a PostgreSQL password is redacted). */
  label: string;
  count(table: StoreTable): Promise<number>;
  rows(table: StoreTable, batch: number): AsyncIterable<unknown[][]>;
  close(): Promise<void>;
}

/** Where rows are written during a copy: all of it one transaction, so a failed copy leaves nothing. */
export interface StoreSink {
  label: string;
  /** Rows already in the destination, over every table. */
  rowCount(tables: readonly StoreTable[]): Promise<number>;
  /** Empties every table (children first), inside the copy's transaction. */
  clear(tables: readonly StoreTable[]): Promise<void>;
  insert(table: StoreTable, rows: readonly unknown[][]): Promise<void>;
  count(table: StoreTable): Promise<number>;
  /** Makes identity counters continue after the copied ids, then commits. */
  commit(tables: readonly StoreTable[]): Promise<void>;
  /** Rolls back when not committed, and closes. */
  close(): Promise<void>;
}

const selectAll = (table: StoreTable) =>
  `SELECT ${table.columns.map(quoted).join(', ')} FROM ${quoted(table.name)}`;

/** A SQLite store's folder, read in one read transaction (nothing is written to it). */
export function sqliteSource(outDir: string): StoreSource {
  const db = openDatabaseReadOnly(outDir);
  db.exec('BEGIN');
  return {
    label: join(outDir, STORE_FILE),
    count: async (table) =>
      db
        .prepare(`SELECT COUNT(*) FROM ${quoted(table.name)}`)
        .pluck()
        .get() as number,
    async *rows(table, batch) {
      let rows: unknown[][] = [];
      const statement = db.prepare(selectAll(table)).raw(true);
      for (const row of statement.iterate() as Iterable<unknown[]>) {
        rows.push(row);
        if (rows.length >= batch) {
          yield rows;
          rows = [];
        }
      }
      if (rows.length > 0) yield rows;
    },
    close: async () => {
      db.exec('COMMIT');
      db.close();
    },
  };
}

/** A SQLite store's folder (created and migrated when missing), written in one transaction. */
export function sqliteSink(outDir: string): StoreSink {
  const db: Db = openDatabase(outDir);
  db.exec('BEGIN IMMEDIATE');
  let open = true;
  const inserts = new Map<string, ReturnType<Db['prepare']>>();
  return {
    label: join(outDir, STORE_FILE),
    async rowCount(tables) {
      let n = 0;
      for (const t of tables) n += await this.count(t);
      return n;
    },
    clear: async (tables) => {
      for (const t of [...tables].reverse()) db.exec(`DELETE FROM ${quoted(t.name)}`);
    },
    insert: async (table, rows) => {
      let insert = inserts.get(table.name);
      if (!insert) {
        insert = db.prepare(
          `INSERT INTO ${quoted(table.name)} (${table.columns.map(quoted).join(', ')}) VALUES (${table.columns.map(() => '?').join(', ')})`,
        );
        inserts.set(table.name, insert);
      }
      for (const row of rows) insert.run(row);
    },
    count: async (table) =>
      db
        .prepare(`SELECT COUNT(*) FROM ${quoted(table.name)}`)
        .pluck()
        .get() as number,
    commit: async () => {
      db.exec('COMMIT');
      open = false;
    },
    close: async () => {
      if (open) db.exec('ROLLBACK');
      db.close();
    },
  };
}

/**
 * A PostgreSQL store read in one REPEATABLE READ, READ ONLY transaction: every table as of
 * the same moment, however many workers write meanwhile. Rows come through a server-side
 * cursor, a batch at a time.
 */
export async function postgresSource(url: string): Promise<StoreSource> {
  const pool = await openPostgres(url, { migrate: false, max: 1 });
  const client = await pool.connect();
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  return {
    label: redactPostgresUrl(url),
    count: async (table) =>
      Number((await client.query(`SELECT COUNT(*) AS n FROM ${quoted(table.name)}`)).rows[0].n),
    async *rows(table, batch) {
      await client.query(`DECLARE copy_rows NO SCROLL CURSOR FOR ${selectAll(table)}`);
      try {
        for (;;) {
          const result = await client.query({
            text: `FETCH ${batch} FROM copy_rows`,
            rowMode: 'array',
          });
          if (result.rows.length === 0) break;
          yield result.rows as unknown[][];
        }
      } finally {
        await client.query('CLOSE copy_rows');
      }
    },
    close: async () => {
      await client.query('COMMIT').catch(() => {});
      client.release();
      await pool.end();
    },
  };
}

/** Bind parameters one PostgreSQL statement may carry. */
const MAX_PARAMS = 60_000;

/** A PostgreSQL store (migrated when new), written in one transaction. */
export async function postgresSink(url: string): Promise<StoreSink> {
  const pool: PgPool = await openPostgres(url, { max: 1 });
  const client: PgClient = await pool.connect();
  await client.query('BEGIN');
  let open = true;
  const count = async (table: StoreTable) =>
    Number((await client.query(`SELECT COUNT(*) AS n FROM ${quoted(table.name)}`)).rows[0].n);
  return {
    label: redactPostgresUrl(url),
    async rowCount(tables) {
      let n = 0;
      for (const t of tables) n += await count(t);
      return n;
    },
    clear: async (tables) => {
      await client.query(`TRUNCATE ${tables.map((t) => quoted(t.name)).join(', ')}`);
    },
    async insert(table, rows) {
      const width = table.columns.length;
      const perStatement = Math.max(1, Math.floor(MAX_PARAMS / width));
      for (let start = 0; start < rows.length; start += perStatement) {
        const chunk = rows.slice(start, start + perStatement);
        const values = chunk
          .map((_, r) => `(${table.columns.map((__, c) => `$${r * width + c + 1}`).join(', ')})`)
          .join(', ');
        await client.query(
          `INSERT INTO ${quoted(table.name)} (${table.columns.map(quoted).join(', ')}) VALUES ${values}`,
          chunk.flat(),
        );
      }
    },
    count,
    async commit(tables) {
      const identities = await client.query(
        `SELECT table_name, column_name FROM information_schema.columns
         WHERE table_schema = current_schema() AND is_identity = 'YES'`,
      );
      const names = new Set(tables.map((t) => t.name));
      for (const { table_name: t, column_name: c } of identities.rows as {
        table_name: string;
        column_name: string;
      }[]) {
        if (!names.has(t)) continue;
        await client.query(
          `SELECT setval(pg_get_serial_sequence($1, $2), COALESCE((SELECT MAX(${quoted(c)}) FROM ${quoted(t)}), 0) + 1, false)`,
          [quoted(t), c],
        );
      }
      await client.query('COMMIT');
      open = false;
    },
    close: async () => {
      if (open) await client.query('ROLLBACK').catch(() => {});
      client.release();
      await pool.end();
    },
  };
}

export { inTransaction };
