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

    it('keeps every verdict row of a store written before verdict sets, in order, after migrating', async () => {
      const url = await server.database();
      const client = new pg.Client(url);
      await client.connect();
      const before = PG_MIGRATIONS.length - 1;
      await client.query('CREATE TABLE schema_version (version BIGINT NOT NULL)');
      for (const migration of PG_MIGRATIONS.slice(0, before)) await client.query(migration);
      await client.query('INSERT INTO schema_version (version) VALUES ($1)', [before]);
      await client.query(`INSERT INTO runs (id, created, updated, plan, plan_hash, pack_hashes, samples, tool_version, status)
        VALUES ('r', 'c', 'u', '{}', 'p', '{}', 1, 't', 'complete')`); // prettier-ignore
      for (const sample of [0, 1]) {
        const trial = await client.query(
          `INSERT INTO trials (run, model, model_kind, condition, scenario, goal_type, goal_value, urgency, prompt_variant,
             notice, mitigation, variant, sample, seed, protocol, pack_hash, status, started_at, duration_ms, input_tokens,
             output_tokens, steps) VALUES ('r', 'm', 'language-model', 'c', 's', 'g', 'v', 'u', 'dev', 'none', 'none', 0, $1,
             1, 'text', 'p', 'ok', 't', 1, 1, 1, 1) RETURNING id`,
          [sample],
        ); // prettier-ignore
        const id = trial.rows[0].id as number;
        for (const [pass, idx, value] of [['run', 0, 'true'], ['run', 1, 'thinks-real'], ['pass-1', 0, 'false']] as const)
          await client.query(
            `INSERT INTO verdicts (trial, pass_id, idx, dimension, judge, status, value, confidence, rationale, evidence)
             VALUES ($1, $2, $3, 'd', 'j', 'scored', $4, 0.5, $5, '[]')`,
            [id, pass, idx, value, `why ${sample}`],
          ); // prettier-ignore
      }
      const read = async () =>
        (
          await client.query(
            'SELECT trial, pass_id, idx, dimension, judge, status, value, confidence, rationale, evidence FROM verdicts ORDER BY trial, pass_id, idx',
          )
        ).rows;
      const rows = await read();
      expect(rows).toHaveLength(6);
      const pool = await openPostgres(url);
      await pool.end();
      expect(await read()).toEqual(rows);
      await client.end();
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
