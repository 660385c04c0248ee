import pg from 'pg';
import { InputError } from '../../errors.js';
import { PG_MIGRATIONS } from './pg-schema.js';
import { checkPostgresUrl, redactPostgresUrl } from './pg-url.js';

export type PgPool = pg.Pool;
export type PgClient = pg.PoolClient;

/** A lock id every turncoat migration takes, so two processes never migrate at once. */
const MIGRATION_LOCK = 0x54524e43;

/** BIGINT (int8) columns arrive as JS numbers, like SQLite's integers (all fit in 2^53). */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === 20
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/**
 * A connection pool to the store at `url`, its schema brought up to date (PG_MIGRATIONS,
 * the same versions as the SQLite store). A database holding other tables but no turncoat
 * schema is refused; so is one written by a newer turncoat. The password never appears in
 * an error.
 * @example const pool = await openPostgres('postgres://turncoat@127.0.0.1/turncoat'); await pool.end()
 */
export async function openPostgres(
  url: string,
  { migrate = true, max = 8 }: { migrate?: boolean; max?: number } = {},
): Promise<PgPool> {
  checkPostgresUrl(url);
  const pool = new pg.Pool({ connectionString: url, max, types });
  // An idle client's error (server restart) must not crash the process; the next query fails.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    try {
      if (migrate) await migratePostgres(client);
      else await schemaVersion(client, url);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end();
    throw connectionError(url, error);
  }
  return pool;
}

/** The store's schema version, checked: InputError when it is not this turncoat's. */
async function schemaVersion(client: PgClient, url: string): Promise<number> {
  const version = await currentVersion(client);
  if (version !== PG_MIGRATIONS.length) {
    throw new InputError(
      version === 0
        ? `no turncoat store at ${redactPostgresUrl(url)}; run \`turncoat run --store ${redactPostgresUrl(url)}\` first`
        : `the store at ${redactPostgresUrl(url)} has schema ${version}, this turncoat reads ${PG_MIGRATIONS.length}`,
    );
  }
  return version;
}

async function currentVersion(client: PgClient): Promise<number> {
  const exists = await client.query(`SELECT to_regclass('schema_version') IS NOT NULL AS ok`);
  if (!exists.rows[0].ok) return 0;
  const row = await client.query('SELECT version FROM schema_version');
  return Number(row.rows[0]?.version ?? 0);
}

/** Applies every migration newer than the store's version, in one transaction. */
export async function migratePostgres(client: PgClient): Promise<number> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    const current = await currentVersion(client);
    if (current === 0) {
      const foreign = await client.query(
        `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = current_schema()`,
      );
      if (foreign.rows[0].n > 0) {
        throw new InputError(
          'that PostgreSQL database already holds tables that are not a turncoat store; give turncoat a database of its own',
        );
      }
      await client.query('CREATE TABLE schema_version (version BIGINT NOT NULL)');
    }
    if (current > PG_MIGRATIONS.length) {
      throw new InputError(
        `store schema version ${current} is newer than this turncoat understands (${PG_MIGRATIONS.length}); upgrade turncoat`,
      );
    }
    for (let version = current + 1; version <= PG_MIGRATIONS.length; version++) {
      await client.query(PG_MIGRATIONS[version - 1]!);
      await client.query('DELETE FROM schema_version');
      await client.query('INSERT INTO schema_version (version) VALUES ($1)', [version]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
  return PG_MIGRATIONS.length;
}

/** A connection failure as an InputError naming the (redacted) URL. */
function connectionError(url: string, error: unknown): Error {
  if (error instanceof InputError) return error;
  const message = (error as Error).message ?? String(error);
  const safe = message.split(new URL(url).password || '\0').join('***');
  return new InputError(`cannot use the PostgreSQL store ${redactPostgresUrl(url)}: ${safe}`);
}

/** Runs `work` inside one transaction on a client of `pool` (COMMIT, or ROLLBACK on error). */
export async function inTransaction<T>(
  pool: PgPool,
  work: (client: PgClient) => Promise<T>,
  begin = 'BEGIN',
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(begin);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
