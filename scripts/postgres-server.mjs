#!/usr/bin/env node
/**
 * The one check of PostgreSQL, shared by `.ci/run` (install it when missing) and the test
 * suites that need a real server (skip without it locally, fail without it in CI), and a
 * throwaway server for those tests. Plain Node, no dependencies.
 *
 *   node scripts/postgres-server.mjs        # prints the bin directory, exit 0; or says why not, exit 1
 *
 * `TURNCOAT_TEST_PG_URL=postgres://...` names a server to use instead (tests then create
 * their own databases on it). Otherwise the Debian binaries are looked for under
 * /usr/lib/postgresql/<version>/bin (newest first), then `initdb` on PATH; a throwaway
 * cluster is made in a temporary folder and started on 127.0.0.1 on a free port. initdb
 * refuses to run as root, so as root the cluster belongs to the `postgres` user.
 */
import { spawnSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isExecutable } from './executable.mjs';

const DEBIAN_ROOT = '/usr/lib/postgresql';

/**
 * The folder holding `initdb` and `postgres`, or `undefined`.
 * @example findPostgresBin() // '/usr/lib/postgresql/15/bin' on Debian with postgresql installed
 */
export function findPostgresBin(env = process.env) {
  let versions = [];
  try {
    versions = readdirSync(DEBIAN_ROOT)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
  } catch {
    // not Debian's layout
  }
  for (const v of versions) {
    const bin = join(DEBIAN_ROOT, v, 'bin');
    if (isExecutable(join(bin, 'initdb')) && isExecutable(join(bin, 'postgres'))) return bin;
  }
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean))
    if (isExecutable(join(dir, 'initdb')) && isExecutable(join(dir, 'postgres'))) return dir;
  return undefined;
}

/** Why PostgreSQL was not found, with what to do about it. */
export function missingPostgresMessage() {
  return `PostgreSQL not found: no initdb/postgres under ${DEBIAN_ROOT}/*/bin or on PATH (apt-get install postgresql, or set TURNCOAT_TEST_PG_URL)`;
}

/** Whether this is a CI run, where a missing server must fail instead of skipping. */
export function isCi(env = process.env) {
  const value = env.CI;
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Runs `bin/name args` as `user` (when given) and throws with its output when it fails. */
function runAs(user, file, args) {
  const [cmd, argv] = user ? ['runuser', ['-u', user, '--', file, ...args]] : [file, args];
  const result = spawnSync(cmd, argv, { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(
      `${file} ${args.join(' ')} failed (${result.status}): ${result.stderr || result.stdout || result.error}`,
    );
  }
}

/**
 * Starts a throwaway PostgreSQL cluster on 127.0.0.1 (a free port, a temporary folder,
 * trust authentication for the `turncoat` superuser), waits until it accepts connections,
 * and returns its URL and a `stop()` that shuts it down and removes the folder.
 * @example const pg = await startPostgres(); try { ... pg.url ... } finally { await pg.stop() }
 */
export async function startPostgres(bin = findPostgresBin()) {
  if (!bin) throw new Error(missingPostgresMessage());
  const asRoot = process.getuid?.() === 0;
  const user = asRoot ? 'postgres' : undefined;
  const dir = mkdtempSync(join(tmpdir(), 'turncoat-pg-'));
  const data = join(dir, 'data');
  if (asRoot) {
    chmodSync(dir, 0o755);
    const pw = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    chownSync(dir, Number(pw.stdout.trim()), Number(gid.stdout.trim()));
  }
  runAs(user, join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    'turncoat',
    '--auth=trust',
    '--no-sync',
    '-E',
    'UTF8',
    '--locale=C',
  ]);
  const port = await freePort();
  const args = [
    '-D',
    data,
    '-h',
    '127.0.0.1',
    '-p',
    String(port),
    '-k',
    dir,
    '-c',
    'fsync=off',
    '-c',
    'max_connections=200',
  ];
  const [cmd, argv] = user
    ? ['runuser', ['-u', user, '--', join(bin, 'postgres'), ...args]]
    : [join(bin, 'postgres'), args];
  const child = spawn(cmd, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (chunk) => {
    log = (log + chunk).slice(-4000);
  });
  const ready = await new Promise((resolve) => {
    const deadline = Date.now() + 30_000;
    const check = () => {
      if (child.exitCode !== null) return resolve(false);
      const r = spawnSync(join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port)], {
        encoding: 'utf8',
      });
      if (r.status === 0) return resolve(true);
      if (Date.now() > deadline) return resolve(false);
      setTimeout(check, 100);
    };
    check();
  });
  // The server's own pid (from postmaster.pid): runuser need not pass signals on.
  const serverPid = () => {
    try {
      return Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    } catch {
      return undefined;
    }
  };
  const alive = (pid) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const stop = async () => {
    const pid = serverPid();
    if (pid && alive(pid)) {
      // SIGINT: a "fast" shutdown; SIGKILL when it has not ended after 10 s.
      process.kill(pid, 'SIGINT');
      const deadline = Date.now() + 10_000;
      while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      if (alive(pid)) process.kill(pid, 'SIGKILL');
    }
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  if (!ready) {
    await stop();
    throw new Error(`PostgreSQL did not start on port ${port}: ${log}`);
  }
  return { url: `postgres://turncoat@127.0.0.1:${port}/postgres`, stop };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const bin = findPostgresBin();
  if (bin) console.log(bin);
  else {
    console.error(missingPostgresMessage());
    process.exitCode = 1;
  }
}
