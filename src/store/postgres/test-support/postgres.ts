/**
 * A real PostgreSQL server for the store's PostgreSQL suites: TURNCOAT_TEST_PG_URL when set,
 * else a throwaway cluster on 127.0.0.1 (scripts/postgres-server.mjs, the same check
 * `.ci/run` uses). Each test gets a fresh database of its own on it.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import {
  findPostgresBin,
  isCi,
  missingPostgresMessage,
  startPostgres,
} from '../../../../scripts/postgres-server.mjs';

/**
 * Whether a PostgreSQL suite runs: yes with TURNCOAT_TEST_PG_URL or the binaries installed.
 * Without them the suite is skipped with a warning on a developer's machine, but in CI (`CI`
 * set) this throws, so the suite fails instead of letting CI pass without having run it.
 * @example describe.runIf(postgresSuiteRuns('the PostgreSQL store'))('...', () => {})
 */
export function postgresSuiteRuns(
  check: string,
  env: Record<string, string | undefined> = process.env,
  /** Where initdb is; null when missing (default: looked up). */
  bin: string | null = findPostgresBin(env) ?? null,
): boolean {
  if (env['TURNCOAT_TEST_PG_URL'] || bin) return true;
  const why = `${check}: ${missingPostgresMessage()}`;
  if (isCi(env)) throw new Error(`${why}. CI must run the PostgreSQL suites, so this fails.`);
  console.warn(`skipping ${why}`);
  return false;
}

/** A server for one suite: `database()` makes a fresh empty database and returns its URL. */
export interface TestPostgres {
  url: string;
  database(): Promise<string>;
  stop(): Promise<void>;
}

/** Starts (or connects to) the suite's server. Call in beforeAll, `stop()` in afterAll. */
export async function testPostgres(): Promise<TestPostgres> {
  const given = process.env['TURNCOAT_TEST_PG_URL'];
  const server = given ? { url: given, stop: async () => {} } : await startPostgres();
  const made: string[] = [];
  const admin = async <T>(work: (client: pg.Client) => Promise<T>) => {
    const client = new pg.Client(server.url);
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  return {
    url: server.url,
    async database() {
      const name = `turncoat_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
      await admin((c) => c.query(`CREATE DATABASE ${name}`));
      made.push(name);
      const url = new URL(server.url);
      url.pathname = `/${name}`;
      return url.toString();
    },
    async stop() {
      if (given) {
        await admin(async (c) => {
          for (const name of made) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        });
      }
      await server.stop();
    },
  };
}
