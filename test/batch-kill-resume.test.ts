/**
 * `turncoat run --batch` survives a restart: the process is SIGKILLed while its second round
 * of tool-protocol turns waits in a submitted batch; the rerun takes round one's results from
 * the store, picks the submitted batch up instead of submitting it again, and completes the
 * run. The mock counts what each request was paid for: exactly once, nothing lost.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { cliArgs } from '../src/cli/test-support/cli-command.js';
import { startMockBatchServer, type MockBatchServer } from '../src/run/batch/test-support/mock-batch-server.js'; // prettier-ignore

const root = fileURLToPath(new URL('..', import.meta.url));
const KEY = 'sk-batch-kill-test';
const SAMPLES = 5;
const CONDITIONS = ['blackmail_none-none_none', 'leaking_none-none_none'];
const TOTAL = SAMPLES * CONDITIONS.length;

let out: string;
let mock: MockBatchServer;
let holdRoundTwo = true;
beforeEach(async () => {
  out = mkdtempSync(join(tmpdir(), 'turncoat-batch-kill-'));
  holdRoundTwo = true;
  mock = await startMockBatchServer({ apiKey: KEY, holdBatch: (i) => i === 1 && holdRoundTwo });
});
afterEach(async () => {
  await mock.close();
  rmSync(out, { recursive: true, force: true });
});

const args = () => [
  ...cliArgs(), 'run', '--batch', '--poll-interval', '0.05',
  '--model', 'openai:gpt-4.1', ...CONDITIONS.flatMap((c) => ['--condition', c]),
  '--protocol', 'tools', '--samples', String(SAMPLES), '--out', out,
]; // prettier-ignore
const env = () => ({ ...process.env, OPENAI_API_KEY: KEY, OPENAI_BASE_URL: mock.url });

function run(): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, args(), { cwd: root, env: env() });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) =>
    child.once('exit', (status) => resolve({ status, stdout, stderr })),
  );
}

function storedTrials(): { n: number; keys: number; ok: number } {
  const db = new Database(join(out, 'turncoat.db'), { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare(
        `SELECT COUNT(*) AS n, COUNT(DISTINCT condition || char(0) || sample) AS keys,
           COALESCE(SUM(status = 'ok' AND steps = 2), 0) AS ok FROM trials`,
      )
      .get() as { n: number; keys: number; ok: number };
  } finally {
    db.close();
  }
}

it(
  'picks up the batch a killed run submitted, and pays for every request once',
  { timeout: 120_000 },
  async () => {
    const child = spawn(process.execPath, args(), { cwd: root, env: env(), stdio: 'ignore' });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    // Round two is submitted (and stored: polling starts after the store write) and waits.
    while (child.exitCode === null && !(mock.batches[1]?.polls ?? 0)) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    child.kill('SIGKILL');
    await exited;
    expect(child.signalCode).toBe('SIGKILL');
    expect(mock.batches.map((b) => b.customIds.length)).toEqual([TOTAL, TOTAL]);
    expect(storedTrials().n).toBe(0);

    holdRoundTwo = false;
    // Not spawnSync: the mock answers from this process's event loop.
    const rerun = await run();
    expect(rerun.status).toBe(0);
    expect(rerun.stderr).toContain(`${mock.batches[1]!.id}: picked up (submitted before a restart)`); // prettier-ignore
    expect(rerun.stderr).not.toContain(KEY);
    expect(rerun.stdout).not.toContain(KEY);

    // Nothing submitted again, nothing lost, every request paid for once.
    expect(mock.batches).toHaveLength(2);
    expect([...mock.submitted.values()].every((n) => n === 1)).toBe(true);
    expect(mock.paid.size).toBe(2 * TOTAL);
    expect([...mock.paid.values()].every((n) => n === 1)).toBe(true);
    expect(storedTrials()).toEqual({ n: TOTAL, keys: TOTAL, ok: TOTAL });
    expect(mock.refused).toEqual([]);
  },
);
