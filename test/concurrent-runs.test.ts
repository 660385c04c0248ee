/**
 * Several `turncoat run` processes on the same plan and the same store, against a mock
 * OpenAI-compatible server on 127.0.0.1: they share the work through trial leases, so every
 * trial is stored once and paid for once; when one is killed, the others finish its trials.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startMockOpenAI } from '../src/agent/providers/test-support/mock-openai.js';
import { cliArgs } from '../src/cli/test-support/cli-command.js';
import {
  reply,
  type MockServer,
  type RecordedRequest,
} from '../src/agent/providers/test-support/script.js';

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

/** Which process sent a request: each runs with its name as its API key. */
const senderOf = (request: RecordedRequest) =>
  String(request.headers['authorization']).replace('Bearer ', '');

/**
 * Holds replies back while `rule(sender)` says so, until `release()`: the test decides who
 * is working when, instead of racing the processes' start-up on a busy machine.
 */
function replyGate() {
  let rule: (sender: string) => boolean = () => false;
  let waiters: Array<{ sender: string; go: () => void }> = [];
  return {
    hold: (request: RecordedRequest) => {
      const sender = senderOf(request);
      if (!rule(sender)) return undefined;
      return new Promise<void>((go) => waiters.push({ sender, go }));
    },
    /** From now on, hold the replies to the senders `next` names. */
    setRule(next: (sender: string) => boolean) {
      rule = next;
    },
    waiting: (sender: string) => waiters.filter((w) => w.sender === sender).length,
    /** Lets the waiting replies to `senders` (default: everyone) go. */
    release(senders?: string[]) {
      const go = waiters.filter((w) => !senders || senders.includes(w.sender));
      waiters = waiters.filter((w) => !go.includes(w));
      for (const w of go) w.go();
    },
  };
}

async function until(check: () => boolean, what: string, ms = 120_000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function startRun(
  url: string,
  out: string,
  name: string,
): { child: ChildProcess; done: Promise<Finished> } {
  const args = [
    ...cliArgs(), 'run',
    '--model', `openai-compatible:mock-model@${url}`,
    ...CONDITIONS.flatMap((c) => ['--condition', c]),
    '--samples', String(SAMPLES), '--protocol', 'text', '--concurrency', '2', '--out', out,
  ]; // prettier-ignore
  const child = spawn(process.execPath, args, {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TURNCOAT_LEASE_MS: '1500', OPENAI_COMPATIBLE_API_KEY: name },
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
    const gate = replyGate();
    server = await startMockOpenAI([answer], { latencyMs: 150, hold: gate.hold });
    const out = join(dir, 'out');
    const names = ['run-a', 'run-b', 'run-c'];
    // Every reply waits until all three processes are working, however late one starts.
    gate.setRule(() => true);
    const runs = names.map((name) => startRun(server!.url, out, name));
    await until(() => names.every((n) => gate.waiting(n) > 0), 'all three to send a request');
    gate.setRule(() => false);
    gate.release();
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
    expect(counts.filter((n) => n > 0)).toHaveLength(3);
    expect(runStatus(out)).toEqual(['complete']);
  },
);

it(
  'when one of three is killed mid-run (SIGKILL), the others finish its trials',
  { timeout: 180_000 },
  async () => {
    const gate = replyGate();
    server = await startMockOpenAI([answer], { latencyMs: 150, hold: gate.hold });
    const out = join(dir, 'out');
    // All three start with their replies held, so each is alive and working; then only the
    // victim gets replies (three), and its next calls are held in flight when it is killed.
    gate.setRule(() => true);
    const [victim, ...others] = ['victim', 'run-b', 'run-c'].map((n) => startRun(server!.url, out, n)); // prettier-ignore
    await until(
      () => ['victim', 'run-b', 'run-c'].every((n) => gate.waiting(n) > 0),
      'all three to send a request',
    );
    let passed = 0;
    gate.setRule((sender) => sender !== 'victim' || passed++ >= 3);
    gate.release(['victim']);
    // Both of its slots (--concurrency 2) wait on a held call: it cannot finish on its own.
    await until(() => gate.waiting('victim') === 2, 'the victim to have two calls in flight');
    victim!.child.kill('SIGKILL');
    const killed = await victim!.done;
    expect(killed.signal).toBe('SIGKILL');
    gate.setRule(() => false);
    gate.release();
    const results = await Promise.all(others.map((r) => r.done));
    for (const r of results) expect(r.code).toBe(0);
    expect(stored(out)).toEqual({ n: TOTAL, keys: TOTAL, errors: 0 });
    // Only the victim's calls in flight at the kill (at most 2 x --concurrency) are paid twice.
    expect(server.requests.length).toBeGreaterThanOrEqual(TOTAL);
    expect(server.requests.length).toBeLessThanOrEqual(TOTAL + 4);
    expect(runStatus(out)).toEqual(['complete']);
  },
);
