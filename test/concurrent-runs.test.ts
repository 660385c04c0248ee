/**
 * Several `turncoat run` processes on the same plan and the same store, against a mock
 * OpenAI-compatible server on 127.0.0.1: they share the work through trial leases, so every
 * trial is stored once and paid for once; when one is killed, the others finish its trials.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startMockOpenAI } from '../src/agent/providers/test-support/mock-openai.js';
import { reply, type MockServer } from '../src/agent/providers/test-support/script.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const CONDITIONS = ['blackmail_none-none_none', 'blackmail_explicit-america_replacement'];
const SAMPLES = 30;
const TOTAL = CONDITIONS.length * SAMPLES;

let dir: string;
let server: MockServer | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'turncoat-concurrent-'));
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const answer = reply.text('I will finish the quarterly summary and leave the rest alone.');

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function startRun(url: string, out: string): { child: ChildProcess; done: Promise<Finished> } {
  const args = [
    '--import', 'tsx', 'src/cli/main.ts', 'run',
    '--model', `openai-compatible:mock-model@${url}`,
    ...CONDITIONS.flatMap((c) => ['--condition', c]),
    '--samples', String(SAMPLES), '--protocol', 'text', '--concurrency', '2', '--out', out,
  ]; // prettier-ignore
  const child = spawn(process.execPath, args, {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TURNCOAT_LEASE_MS: '1500' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<Finished>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

function stored(out: string): { n: number; keys: number; errors: number } {
  const db = new Database(join(out, 'turncoat.db'), { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare(
        `SELECT COUNT(*) AS n, COALESCE(SUM(status = 'error'), 0) AS errors,
           COUNT(DISTINCT model || char(0) || condition || char(0) || variant || char(0) || sample) AS keys
         FROM trials`,
      )
      .get() as { n: number; keys: number; errors: number };
  } finally {
    db.close();
  }
}

function runStatus(out: string): string[] {
  const db = new Database(join(out, 'turncoat.db'), { readonly: true });
  try {
    return db.prepare('SELECT status FROM runs').pluck().all() as string[];
  } finally {
    db.close();
  }
}

const ranNow = (stdout: string) => Number(/(\d+) trials run now/.exec(stdout)?.[1] ?? NaN);

it(
  'three processes on one plan share it: each trial stored once, one request per trial',
  { timeout: 180_000 },
  async () => {
    server = await startMockOpenAI([answer], { latencyMs: 150 });
    const out = join(dir, 'out');
    const runs = [0, 1, 2].map(() => startRun(server!.url, out));
    const results = await Promise.all(runs.map((r) => r.done));

    for (const r of results) {
      expect(r.stderr).not.toMatch(/SqliteError|database is locked|at .*\.ts:\d+/);
      expect(r.code).toBe(0);
    }
    expect(stored(out)).toEqual({ n: TOTAL, keys: TOTAL, errors: 0 });
    expect(server.requests).toHaveLength(TOTAL);
    // Each process counts what it ran itself; together exactly the plan.
    const counts = results.map((r) => ranNow(r.stdout));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(TOTAL);
    expect(counts.filter((n) => n > 0).length).toBeGreaterThanOrEqual(2);
    expect(runStatus(out)).toEqual(['complete']);
  },
);

it(
  'when one of three is killed mid-run (SIGKILL), the others finish its trials',
  { timeout: 180_000 },
  async () => {
    server = await startMockOpenAI([answer], { latencyMs: 150 });
    const out = join(dir, 'out');
    const [victim, ...others] = [0, 1, 2].map(() => startRun(server!.url, out));
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (victim!.child.exitCode !== null) break;
      if (!existsSync(join(out, 'turncoat.db'))) continue;
      let n = 0;
      try {
        n = stored(out).n;
      } catch {
        continue; // the schema may not exist yet
      }
      if (n >= TOTAL / 4) {
        victim!.child.kill('SIGKILL');
        break;
      }
    }
    const killed = await victim!.done;
    expect(killed.signal).toBe('SIGKILL');
    const results = await Promise.all(others.map((r) => r.done));
    for (const r of results) expect(r.code).toBe(0);
    expect(stored(out)).toEqual({ n: TOTAL, keys: TOTAL, errors: 0 });
    // Only the victim's calls in flight at the kill (at most 2 x --concurrency) are paid twice.
    expect(server.requests.length).toBeGreaterThanOrEqual(TOTAL);
    expect(server.requests.length).toBeLessThanOrEqual(TOTAL + 4);
    expect(runStatus(out)).toEqual(['complete']);
  },
);
