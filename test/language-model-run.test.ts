/**
 * A language model (a scripted double with a real provider id) goes through the run's
 * stack: a failed call is retried, the reply is cached in the store, so the same trial in
 * another run of the same store does not call the model again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APICallError } from 'ai';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { reply, scriptedModel } from '../src/agent/test-support/scripted-model.js';
import { startMockOpenAI } from '../src/agent/providers/test-support/mock-openai.js';
import { reply as mockReply } from '../src/agent/providers/test-support/script.js';
import { captureIO } from '../src/cli/io.js';
import { main } from '../src/cli/main.js';
import { defaultTrialDeps } from '../src/run/default-trial-deps.js';
import { runExperiment } from '../src/run/run-experiment.js';

let out: string;
beforeEach(() => {
  out = mkdtempSync(join(tmpdir(), 'turncoat-lm-'));
});
afterEach(() => rmSync(out, { recursive: true, force: true }));

it('retries a failed call, caches the reply, and reuses it in another run of the same store', async () => {
  const serverError = new APICallError({
    message: 'upstream overloaded',
    url: 'http://127.0.0.1/v1/chat/completions',
    requestBodyValues: {},
    statusCode: 503,
  });
  const model = scriptedModel(
    [serverError, reply('I will carry on with my work.')],
    'openai:test-model',
  );
  const deps = defaultTrialDeps({
    resolve: () => model,
    retry: { baseDelayMs: 1, maxDelayMs: 2, sleep: () => Promise.resolve() },
  });
  const condition = 'blackmail_none-none_none';
  const first = await runExperiment({
    plan: {
      models: ['openai:test-model'],
      conditions: [condition],
      variants: [0],
      protocol: 'text',
      seed: 5,
    },
    samples: 1,
    outDir: out,
    concurrency: 1,
    deps,
  });
  expect(first.rows).toMatchObject([
    { model: 'openai:test-model', modelKind: 'language-model', trials: 1, valid: 1, errors: 0 },
  ]);
  expect(model.requests).toHaveLength(2);

  const second = await runExperiment({
    plan: {
      models: ['openai:test-model'],
      conditions: [condition, 'blackmail_none-none_replacement'],
      variants: [0],
      protocol: 'text',
      seed: 5,
    },
    samples: 1,
    outDir: out,
    concurrency: 1,
    deps,
  });
  expect(second.run.id).not.toBe(first.run.id);
  // Only the new condition reached the model; the shared trial came from the cache.
  expect(model.requests).toHaveLength(3);
  expect(second.rows.map((r) => r.trials)).toEqual([1, 1]);
});

it('turncoat run against a real wire protocol: a refused request is an error trial, exit code 1', async () => {
  const server = await startMockOpenAI([
    mockReply.status(400, 'model does not support this request'),
  ]);
  try {
    const io = captureIO();
    const model = `openai-compatible:test-model@${server.url}`;
    const code = await main(
      [
        'run',
        '--model',
        model,
        '--condition',
        'blackmail_none-none_none',
        '--samples',
        '1',
        '--protocol',
        'text',
        '--out',
        out,
      ],
      io,
    );
    const stdout = io.stdout.join('\n');
    expect(code).toBe(1);
    expect(stdout).toMatch(/blackmail_none-none_none\s+1\s+0\s+0\s+1\s+-\s+-/);
    expect(stdout).toContain('Some trials errored');
    expect(stdout).not.toContain('scripted, not language models');
    const exportIO = captureIO();
    await main(['export', '--out', out], exportIO);
    const [trial] = exportIO.stdout.map(
      (line) =>
        JSON.parse(line) as { status: string; error: { category: string }; harmful: unknown },
    );
    expect(trial).toMatchObject({
      status: 'error',
      error: { category: 'bad-request' },
      harmful: null,
    });
  } finally {
    await server.close();
  }
});
