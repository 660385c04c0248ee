/**
 * The must-show runs, against a mock OpenAI-compatible server on 127.0.0.1 started
 * here: a run whose server answers 30% of calls with 429 finishes every trial with no error
 * rows and shows its waits; an identical rerun (and a new plan sharing its trials) sends zero
 * requests; SIGKILL mid-run, then the same command, stores every trial exactly once.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startMockOpenAI } from '../src/agent/providers/test-support/mock-openai.js';
import { reply, type MockServer } from '../src/agent/providers/test-support/script.js';
import { captureIO } from '../src/cli/io.js';
import { cliArgs } from '../src/cli/test-support/cli-command.js';
import { main } from '../src/cli/main.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const CONDITIONS = ['blackmail_none-none_none', 'blackmail_explicit-america_replacement'];

let dir: string;
let server: MockServer | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'turncoat-real-'));
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const answer = reply.text('I will finish the quarterly summary and leave the rest alone.', {
  usage: { input: 1000, output: 100 },
});

/** A config for the mock model: fast retries (the waits are real, just short), a price. */
function writeConfig(url: string, extra: string[] = []): string {
  const model = `openai-compatible:mock-model@${url}`;
  const file = join(dir, 'turncoat.config.yaml');
  writeFileSync(
    file,
    [
      `scenarios: [${JSON.stringify(join(root, 'scenarios', '*.yaml'))}]`,
      `conditions: [${CONDITIONS.join(', ')}]`,
      'models:',
      `  - id: ${JSON.stringify(model)}`,
      ...extra,
      'samples: 15',
      'protocol: text',
      'concurrency: 8',
      'retries: { maxAttempts: 12, baseDelayMs: 5, maxDelayMs: 40 }',
      `prices: { ${JSON.stringify(model)}: { input: 1, output: 2 } }`,
      'out: out',
    ].join('\n'),
  );
  return file;
}

function runNode(args: string[]): Promise<{ status: number | null; stderr: string }> {
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.once('close', (status) => resolve({ status, stderr })));
}

function trials(out: string): { n: number; keys: number; errors: number } {
  const db = new Database(join(out, 'turncoat.db'), { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare(
        `SELECT COUNT(*) AS n, SUM(status = 'error') AS errors,
           COUNT(DISTINCT model || char(0) || condition || char(0) || variant || char(0) || sample) AS keys
         FROM trials`,
      )
      .get() as { n: number; keys: number; errors: number };
  } finally {
    db.close();
  }
}

it('finishes every trial when 30% of calls get 429, shows the waits, and never pays twice', async () => {
  server = await startMockOpenAI([answer], { rateLimitFraction: 0.3, seed: 7 });
  const config = writeConfig(server.url);
  const out = join(dir, 'out');

  const io = captureIO();
  expect(await main(['run', '--config', config], io)).toBe(0);
  expect(trials(out)).toEqual({ n: 30, keys: 30, errors: 0 });
  const rateLimited = server.requests.length - 30;
  expect(rateLimited).toBeGreaterThan(0);
  // The final progress lines give the model's waits: as many as the 429s the server sent.
  const stderr = io.stderr.join('\n');
  expect(stderr).toMatch(
    new RegExp(
      `mock-model@\\S+: 30/30 trials, 0 errors, ${rateLimited} rate-limit waits \\(\\d+\\.\\d s\\)`,
    ),
  );
  const stdout = io.stdout.join('\n');
  expect(stdout).toMatch(/blackmail_none-none_none\s+15\s+15\s+0\s+0\s/);
  // Tokens and estimated cost per model: 30 x (1000 x $1 + 100 x $2) per million.
  expect(stdout).toMatch(/mock-model@\S+\s+30\s+30,000\s+3,000\s+\$0\.0360/);

  // The same command again: everything is stored, the server sees nothing.
  const sent = server.requests.length;
  const again = captureIO();
  expect(await main(['run', '--config', config], again)).toBe(0);
  expect(again.stderr.join('\n')).toContain('resuming, 30 of 30 trials already stored');
  expect(server.requests.length).toBe(sent);

  // A new plan in the same store (another model added) replays this model from the cache.
  const wider = writeConfig(server.url, ['  - reference:aligned']);
  const third = captureIO();
  expect(await main(['run', '--config', wider], third)).toBe(0);
  expect(third.stderr.join('\n')).toMatch(/run run-\w+: 60 trials/);
  expect(server.requests.length).toBe(sent);
  expect(trials(out).n).toBe(90);
});

it(
  'survives SIGKILL mid-run against the mock: the rerun stores every trial exactly once',
  { timeout: 120_000 },
  async () => {
    const samples = 40;
    const total = CONDITIONS.length * samples;
    // Past half the plan, replies wait until after the kill: the run cannot finish first.
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    const mock = await startMockOpenAI([answer], {
      latencyMs: 30,
      hold: () => (mock.delivered.length >= total / 2 ? released : undefined),
    });
    server = mock;
    const out = join(dir, 'out');
    const args = [
      ...cliArgs(), 'run',
      '--model', `openai-compatible:mock-model@${server.url}`,
      ...CONDITIONS.flatMap((c) => ['--condition', c]),
      '--samples', String(samples), '--protocol', 'text', '--concurrency', '4', '--out', out,
    ]; // prettier-ignore
    const child = spawn(process.execPath, args, { cwd: root, stdio: 'ignore' });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (child.exitCode !== null) break;
      if (!existsSync(join(out, 'turncoat.db'))) continue;
      let n = 0;
      try {
        n = trials(out).n;
      } catch {
        continue; // the schema may not exist yet
      }
      if (n >= total / 2) {
        child.kill('SIGKILL');
        break;
      }
    }
    await exited;
    expect(child.signalCode).toBe('SIGKILL');
    release();
    const afterKill = trials(out);
    expect(afterKill.n).toBeLessThan(total);
    expect(afterKill.keys).toBe(afterKill.n);

    // Not spawnSync: the mock server lives in this process and must keep answering.
    const rerun = await runNode(args);
    expect(rerun.status).toBe(0);
    expect(rerun.stderr).toContain(`resuming, ${afterKill.n} of ${total} trials already stored`);
    expect(trials(out)).toEqual({ n: total, keys: total, errors: 0 });
    // At most the calls in flight at the kill (4) were paid twice; cached replies were not.
    expect(server.requests.length).toBeLessThanOrEqual(total + 4);
    const db = new Database(join(out, 'turncoat.db'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.prepare('SELECT status FROM runs').pluck().all()).toEqual(['complete']);
    } finally {
      db.close();
    }
  },
);

it('--dry-run prints the plan per model and sends nothing', async () => {
  server = await startMockOpenAI([answer]);
  const out = join(dir, 'out');
  const io = captureIO();
  const code = await main(
    ['run', '--dry-run', '--model', `openai-compatible:mock-model@${server.url}`,
      '--model', 'reference:aligned', '--condition', CONDITIONS[0]!, '--samples', '10',
      '--protocol', 'tools', '--out', out],
    io,
  ); // prettier-ignore
  expect(code).toBe(0);
  expect(server.requests).toHaveLength(0);
  expect(existsSync(out)).toBe(false);
  const text = io.stdout.join('\n');
  expect(text).toContain('dry run: nothing was called.');
  expect(text).toMatch(
    /10 trials, 0 already stored, 10 to run|20 trials, 0 already stored, 20 to run/,
  );
  // The tools protocol takes several calls per trial (the scripted walk: read, act, finish).
  const row = text.split('\n').find((l) => l.startsWith('openai-compatible:mock-model'))!;
  const [, trialsCol, toRun, calls] = row.split(/\s{2,}/);
  expect([trialsCol, toRun]).toEqual(['10', '10']);
  expect(Number(calls)).toBeGreaterThanOrEqual(20);
  expect(row).toContain('unknown price');
  expect(text).toContain('estimates');
});

it('--dry-run plans the judges too, and refuses like the real run when a judge has no key', async () => {
  const saved = process.env['ANTHROPIC_API_KEY'];
  delete process.env['ANTHROPIC_API_KEY'];
  try {
    const io = captureIO();
    const args = ['run', '--model', 'reference:aligned', '--judge', 'anthropic:claude-sonnet-4-5',
      '--condition', CONDITIONS[0]!, '--samples', '2', '--out', join(dir, 'out')]; // prettier-ignore
    // The whole plan is printed, judges included, then what the real run would refuse.
    expect(await main([...args, '--dry-run'], io)).toBe(2);
    const text = io.stdout.join('\n');
    expect(text).toContain('dry run: nothing was called.');
    expect(text).toMatch(
      /^anthropic:claude-sonnet-4-5\s+2\s+6\s+[\d,]+\s+[\d,]+\s+\$3\.00 \/ \$15\.00\s+\$[\d.]+$/m,
    );
    expect(io.stderr.join('\n')).toContain(
      "the real run would refuse to start (exit 2), before any call:\n  judge anthropic:claude-sonnet-4-5: no API key for 'anthropic:claude-sonnet-4-5': set ANTHROPIC_API_KEY",
    );
    expect(existsSync(join(dir, 'out'))).toBe(false);
    const real = captureIO();
    expect(await main(args, real)).toBe(2);
    expect(real.stderr.join('\n')).toContain('set ANTHROPIC_API_KEY');
    // With the key set, the same dry run passes: nothing is called, so any value will do.
    process.env['ANTHROPIC_API_KEY'] = 'sk-ant-not-a-real-key';
    expect(await main([...args, '--dry-run'], captureIO())).toBe(0);
  } finally {
    if (saved !== undefined) process.env['ANTHROPIC_API_KEY'] = saved;
    else delete process.env['ANTHROPIC_API_KEY'];
  }
});

it("a config model's settings, key env var and base URL reach the provider; quirks are announced; the key is not stored", async () => {
  server = await startMockOpenAI([answer]);
  const key = 'sk-test-config-key-0123456789';
  process.env['TURNCOAT_TEST_KEY'] = key;
  const file = join(dir, 'turncoat.config.yaml');
  writeFileSync(
    file,
    [
      `scenarios: [${JSON.stringify(join(root, 'scenarios', '*.yaml'))}]`,
      `conditions: [${CONDITIONS[0]}]`,
      'models:',
      '  - id: openai:o3',
      `    baseURL: ${server.url}`,
      '    apiKeyEnv: TURNCOAT_TEST_KEY',
      '    settings: { temperature: 1, maxTokens: 300 }',
      'samples: 2',
      'protocol: text',
      'out: out',
    ].join('\n'),
  );
  try {
    const io = captureIO();
    expect(await main(['run', '--config', file], io)).toBe(0);
    expect(io.stderr.join('\n')).toMatch(/note: openai:o3: temperature 1 dropped/);
    expect(server.requests).toHaveLength(2);
    const [request] = server.requests;
    expect(request!.headers['authorization']).toBe(`Bearer ${key}`);
    expect(request!.body['temperature']).toBeUndefined();
    expect(request!.body['max_completion_tokens']).toBe(300);
    const db = new Database(join(dir, 'out', 'turncoat.db'), { readonly: true });
    try {
      const tables = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .pluck()
        .all() as string[];
      for (const table of tables) {
        const rows = JSON.stringify(db.prepare(`SELECT * FROM ${table}`).all());
        expect(rows).not.toContain(key);
      }
      // Each call's finish reason, latency and the provider's request id are kept.
      const calls = db
        .prepare('SELECT finish_reason, request_id, input_tokens, cached FROM model_calls')
        .all() as {
        finish_reason: string;
        request_id: string;
        input_tokens: number;
        cached: number;
      }[];
      expect(calls).toHaveLength(2);
      expect(calls[0]).toMatchObject({ finish_reason: 'stop', input_tokens: 1000, cached: 0 });
      expect(calls.map((c) => c.request_id).sort()).toEqual(['req_mock_1', 'req_mock_2']);
      // The estimated cost is stored per trial (o3 has a list price).
      const costs = db.prepare('SELECT cost_usd FROM trials').pluck().all() as number[];
      expect(costs.every((c) => c > 0)).toBe(true);
    } finally {
      db.close();
    }
    const exported = captureIO();
    await main(['export', '--out', join(dir, 'out')], exported);
    const first = JSON.parse(exported.stdout[0]!) as { costUsd: number; calls: unknown[] };
    expect(first.costUsd).toBeGreaterThan(0);
    expect(first.calls).toEqual([
      expect.objectContaining({
        step: 1,
        finishReason: 'stop',
        requestId: expect.stringMatching(/^req_mock_/),
        cached: false,
      }),
    ]);
  } finally {
    delete process.env['TURNCOAT_TEST_KEY'];
  }
});
