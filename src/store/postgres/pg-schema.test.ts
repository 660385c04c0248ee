import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../open-database.js';
import { MIGRATIONS } from '../schema.js';
import { openPostgres } from './pg-database.js';
import { PG_MIGRATIONS } from './pg-schema.js';
import { postgresSuiteRuns, testPostgres, type TestPostgres } from './test-support/postgres.js';

/** Table or view -> its columns in order, from a migrated SQLite store. */
function sqliteShape(): Record<string, string[]> {
  const db = new Database(':memory:');
  migrate(db);
  const names = db
    .prepare(
      `SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'`,
    )
    .pluck()
    .all() as string[];
  const shape = Object.fromEntries(
    names.map((n) => [
      n,
      (db.prepare(`PRAGMA table_info("${n}")`).all() as { name: string }[]).map((c) => c.name),
    ]),
  );
  db.close();
  return shape;
}

describe('the PostgreSQL schema', () => {
  it('has one rendering of every SQLite migration, at the same version', () => {
    expect(PG_MIGRATIONS.length).toBe(MIGRATIONS.length);
  });
});

describe.runIf(postgresSuiteRuns('the PostgreSQL schema check'))(
  'the PostgreSQL schema on a real server',
  () => {
    let server: TestPostgres;
    beforeAll(async () => {
      server = await testPostgres();
    }, 60_000);
    afterAll(() => server?.stop());

    it('has the same tables, views and columns as the SQLite store', async () => {
      const url = await server.database();
      const pool = await openPostgres(url);
      const rows = (
        await pool.query(
          `SELECT table_name, column_name FROM information_schema.columns
         WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
        )
      ).rows as { table_name: string; column_name: string }[];
      await pool.end();
      const shape: Record<string, string[]> = {};
      for (const r of rows) (shape[r.table_name] ??= []).push(r.column_name);
      expect(shape).toEqual(sqliteShape());
      expect(Object.keys(shape)).toContain('guard_audit');
    });

    it('migrates once when two processes open a new store at once, and records the version', async () => {
      const url = await server.database();
      const pools = await Promise.all([openPostgres(url), openPostgres(url), openPostgres(url)]);
      const version = await pools[0]!.query('SELECT version FROM schema_version');
      expect(version.rows).toEqual([{ version: MIGRATIONS.length }]);
      await Promise.all(pools.map((p) => p.end()));
    });

    it('refuses a database that holds tables of another program', async () => {
      const url = await server.database();
      const client = new pg.Client(url);
      await client.connect();
      await client.query('CREATE TABLE invoices (id int)');
      await client.end();
      await expect(openPostgres(url)).rejects.toThrow(/not a turncoat store/);
    });
  },
);
