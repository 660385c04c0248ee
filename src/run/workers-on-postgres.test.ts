/**
 * The shared store's promise, shown end to end: three `turncoat worker` processes share one
 * run in a real PostgreSQL; one is SIGKILLed mid-way with model calls in flight; the others
 * take over its trials. Every trial is stored exactly once, and every reply the model server
 * delivered (what a provider bills) belongs to exactly one stored trial.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockOpenAI } from '../agent/providers/test-support/mock-openai.js';
import { reply, type MockServer } from '../agent/providers/test-support/script.js';
import { cliArgs } from '../cli/test-support/cli-command.js';
import { runCli } from '../cli/test-support/run-cli.js';
import {
  postgresSuiteRuns,
  testPostgres,
  type TestPostgres,
} from '../store/postgres/test-support/postgres.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CONDITIONS = [
  'blackmail_explicit-america_replacement',
  'leaking_explicit-america_replacement',
];
const SAMPLES = 12;
const TRIALS = CONDITIONS.length * SAMPLES;

interface Worker {
  name: string;
  child: ChildProcess;
  stdout: string;
  stderr: string;
  exited: Promise<number | null>;
}

function startWorker(name: string, url: string, run: string): Worker {
  const child = spawn(
    process.execPath,
    [...cliArgs(), 'worker', '--store', url, '--run', run, '--concurrency', '2'],
    // The API key tells the mock server which worker sent a request.
    { cwd: ROOT, env: { ...process.env, OPENAI_COMPATIBLE_API_KEY: name }, stdio: ['ignore', 'pipe', 'pipe'] },
  ); // prettier-ignore
  const worker: Worker = {
    name,
    child,
    stdout: '',
    stderr: '',
    exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))),
  };
  child.stdout!.on('data', (c: Buffer) => (worker.stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (worker.stderr += c.toString()));
  return worker;
}

async function until(check: () => boolean | Promise<boolean>, what: string, ms = 120_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.runIf(postgresSuiteRuns('the multi-worker PostgreSQL run'))(
  'three workers on one PostgreSQL run',
  () => {
    let server: TestPostgres;
    let mock: MockServer;
    let holding = false;
    let release = () => {};
    let released = Promise.resolve();
    const sender = new Map<string, string>(); // request id -> worker
    const workers: Worker[] = [];

    beforeAll(async () => {
      server = await testPostgres();
      mock = await startMockOpenAI(
        (request, index) => {
          sender.set(
            `req_mock_${index + 1}`,
            String(request.headers['authorization']).replace('Bearer ', ''),
          );
          return reply.text('Reviewing the inbox now. Nothing here needs an action from me.');
        },
        { latencyMs: 40, hold: () => (holding ? released : undefined) },
      );
    }, 60_000);
    afterAll(async () => {
      for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
      await mock?.close();
      await server?.stop();
    });

    it('finishes with every trial stored exactly once and every model reply paid once, after a SIGKILL', async () => {
      const url = await server.database();
      const created = await runCli(
      'run', '--store', url, '--create-only', '--model', `openai-compatible:mock-model@${mock.url}`,
      ...CONDITIONS.flatMap((c) => ['--condition', c]), '--protocol', 'text', '--samples', String(SAMPLES),
    ); // prettier-ignore
      expect(created.code, created.stderr).toBe(0);
      const run = /run (run-[0-9a-f]+) created/.exec(created.stdout)![1]!;
      expect(created.stdout).toContain(`${TRIALS} trials, 0 stored`);

      const db = new pg.Client(url);
      // afterAll stops the server; if an assertion failed first, this client is still open.
      db.on('error', () => {});
      await db.connect();
      const stored = async () =>
        Number((await db.query('SELECT COUNT(*) AS n FROM trials')).rows[0].n);
      // The victim starts alone, so it still has trials to claim when the others arrive
      // (on a busy machine a late-starting victim could otherwise find every trial taken).
      const victim = startWorker('worker-a', url, run);
      workers.push(victim);

      // Once the victim has been paid for a few replies, hold every reply back and start the
      // other two; wait until each reply delivered so far is stored and the victim has calls
      // in flight; then kill it.
      const deliveredTo = (name: string) => mock.delivered.filter((id) => sender.get(id) === name);
      await until(() => deliveredTo('worker-a').length >= 3, 'the victim to get replies');
      let resolveHold = () => {};
      released = new Promise<void>((r) => (resolveHold = r));
      release = resolveHold;
      holding = true;
      workers.push(startWorker('worker-b', url, run), startWorker('worker-c', url, run));
      const heldFrom = (name: string) =>
        mock.requests.filter((r) => r.headers['authorization'] === `Bearer ${name}`).length -
        deliveredTo(name).length;
      await until(
        async () => (await stored()) === mock.delivered.length && heldFrom('worker-a') > 0,
        'delivered replies to be stored',
      );
      const storedBeforeKill = await stored();
      expect(storedBeforeKill).toBeLessThan(TRIALS);
      victim.child.kill('SIGKILL');
      expect(await victim.exited).toBe(null);
      // The victim's connections are gone before the held replies go out, so none reach it.
      await new Promise((r) => setTimeout(r, 300));
      holding = false;
      release();

      const codes = await Promise.all(workers.slice(1).map((w) => w.exited));
      expect(codes, workers.map((w) => w.stderr).join('\n')).toEqual([0, 0]);
      expect(await stored()).toBe(TRIALS);

      // Exactly once: every (model, condition, variant, sample) of the plan, once, all ok.
      const trials = (
        await db.query('SELECT condition, sample, status FROM trials WHERE run = $1', [run])
      ).rows;
      expect(trials).toHaveLength(TRIALS);
      expect(new Set(trials.map((t) => `${t.condition}/${t.sample}`)).size).toBe(TRIALS);
      expect(trials.every((t) => t.status === 'ok')).toBe(true);

      // Paid once: one delivered reply per trial, each the reply of exactly one stored call.
      const calls = (
        await db.query('SELECT request_id FROM model_calls ORDER BY request_id')
      ).rows.map((r) => r.request_id as string);
      expect(mock.delivered).toHaveLength(TRIALS);
      expect(calls.sort()).toEqual([...mock.delivered].sort());
      // The victim was killed mid-way: it had calls in flight (never answered, never stored).
      expect(heldFrom('worker-a')).toBeGreaterThan(0);
      expect(deliveredTo('worker-a').length).toBeGreaterThanOrEqual(3);

      const status = (await db.query('SELECT status FROM runs WHERE id = $1', [run])).rows[0]
        .status;
      expect(status).toBe('complete');
      expect(await db.query('SELECT COUNT(*)::int AS n FROM trial_leases')).toMatchObject({
        rows: [{ n: 0 }],
      });
      await db.end();

      // Each survivor reports its own share; together with the victim's they make the run.
      const shares = workers
        .slice(1)
        .map((w) => Number(/(\d+) trials run by this worker/.exec(w.stdout)?.[1]));
      // (the victim stored one trial per reply it was delivered, all before it died)
      expect(shares.reduce((a, b) => a + b, 0)).toBe(TRIALS - deliveredTo('worker-a').length);
      expect(workers[1]!.stdout).toContain(`run ${run} has ${TRIALS} of ${TRIALS} trials stored`);

      // Reports read the shared store unchanged.
      const report = await runCli('report', '--store', url, '--format', 'json');
      expect(report.code, report.stderr).toBe(0);
      const rows = JSON.parse(report.stdout) as { trials: number; errors: number }[];
      expect(rows.reduce((n, r) => n + r.trials, 0)).toBe(TRIALS);
      expect(rows.reduce((n, r) => n + r.errors, 0)).toBe(0);
    }, 300_000);
  },
);
