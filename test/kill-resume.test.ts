/**
 * Crash safety: `turncoat run` killed with SIGKILL mid-run loses at most the trials in
 * flight; running the same command again completes the run with every trial exactly once.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { cliArgs } from '../src/cli/test-support/cli-command.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const SAMPLES = 40;
const TOTAL = 3 * 5 * SAMPLES; // the default reference suite: 3 agents x 5 conditions
// The signal is sent once this many trials are stored: far from the end, so it lands mid-run.
const SIGNAL_AT = 100;

let out: string;
beforeEach(() => {
  out = mkdtempSync(join(tmpdir(), 'turncoat-kill-'));
});
afterEach(() => rmSync(out, { recursive: true, force: true }));

const args = () => [
  ...cliArgs(),
  'run',
  '--samples',
  String(SAMPLES),
  '--protocol',
  'text',
  '--out',
  out,
];

function stored(): { n: number; keys: number } {
  const db = new Database(join(out, 'turncoat.db'), { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare(
        'SELECT COUNT(*) AS n, COUNT(DISTINCT model || char(0) || condition || char(0) || variant || char(0) || sample) AS keys FROM trials',
      )
      .get() as { n: number; keys: number };
  } finally {
    db.close();
  }
}

/**
 * Sends `signal` to the run once SIGNAL_AT trials are stored. Each look at the store is made
 * with the run paused (SIGSTOP), so however fast the machine (or slow this test process), the
 * run cannot finish between two looks: the signal always lands mid-run.
 */
async function signalOnceStored(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    if (child.exitCode !== null || child.signalCode !== null) return; // the test fails on it
    child.kill('SIGSTOP');
    let n = 0;
    try {
      if (existsSync(join(out, 'turncoat.db'))) n = stored().n;
    } catch {
      // the schema may not exist yet
    }
    if (n >= SIGNAL_AT) {
      child.kill(signal);
      child.kill('SIGCONT'); // a stopped process handles SIGINT/SIGTERM once it runs again
      return;
    }
    child.kill('SIGCONT');
  }
}

it(
  'survives SIGKILL mid-run and completes on the rerun with every trial exactly once',
  { timeout: 180_000 },
  async () => {
    const child = spawn(process.execPath, args(), { cwd: root, stdio: 'ignore' });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    await signalOnceStored(child, 'SIGKILL');
    await exited;
    expect(child.signalCode).toBe('SIGKILL');
    const afterKill = stored();
    expect(afterKill.n).toBeGreaterThanOrEqual(SIGNAL_AT);
    expect(afterKill.n).toBeLessThan(TOTAL);
    expect(afterKill.keys).toBe(afterKill.n);

    const rerun = spawnSync(process.execPath, args(), { cwd: root, encoding: 'utf8' });
    expect(rerun.status).toBe(0);
    expect(rerun.stderr).toMatch(
      new RegExp(`resuming, ${afterKill.n} of ${TOTAL} trials already stored`),
    );
    expect(stored()).toEqual({ n: TOTAL, keys: TOTAL });

    const db = new Database(join(out, 'turncoat.db'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.prepare('SELECT status FROM runs').pluck().all()).toEqual(['complete']);
      const orphans = db
        .prepare('SELECT COUNT(*) FROM messages WHERE trial NOT IN (SELECT id FROM trials)')
        .pluck()
        .get();
      expect(orphans).toBe(0);
    } finally {
      db.close();
    }
  },
);

it.each(['SIGINT', 'SIGTERM'] as const)(
  'stops on %s (Ctrl-C, kill) alike: finishes what is in flight, says how to resume, exits 130',
  { timeout: 180_000 },
  async (signal) => {
    const child = spawn(process.execPath, args(), { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );
    await signalOnceStored(child, signal);
    expect(await exited).toBe(130);
    expect(stderr).toContain('stopping: no new trials will start');
    expect(stdout).toMatch(
      new RegExp(
        `interrupted: \\d+ of ${TOTAL} trials stored\\. Run the same command again to resume\\.`,
      ),
    );
    const after = stored();
    expect(after.n).toBeLessThan(TOTAL);
    expect(after.keys).toBe(after.n);
    const db = new Database(join(out, 'turncoat.db'), { readonly: true });
    try {
      expect(db.prepare('SELECT status FROM runs').pluck().all()).toEqual(['interrupted']);
    } finally {
      db.close();
    }
  },
);
