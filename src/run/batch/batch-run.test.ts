/**
 * `--batch` runs against the local mock batch endpoints: single-turn trials in one batch,
 * tool-protocol trials round by round, failures inside a batch retried in a later one, an
 * expired batch retried, and every trial stored once and every request paid once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { resolveModel } from '../../agent/resolve-model.js';
import { defaultTrialDeps } from '../default-trial-deps.js';
import { estimateCost } from '../prices.js';
import { runExperiment } from '../run-experiment.js';
import type { BatchEvent } from './batcher.js';
import { startMockBatchServer, type MockBatchOptions, type MockBatchServer } from './test-support/mock-batch-server.js'; // prettier-ignore

const KEY = 'sk-batch-test-key';
const CONDITIONS = ['blackmail_none-none_none', 'leaking_none-none_none'];

let out: string;
let mock: MockBatchServer | undefined;
beforeEach(() => {
  out = mkdtempSync(join(tmpdir(), 'turncoat-batch-'));
});
afterEach(async () => {
  await mock?.close();
  mock = undefined;
  rmSync(out, { recursive: true, force: true });
});

async function batchRun(
  model: string,
  protocol: 'text' | 'tools',
  samples: number,
  options: MockBatchOptions = {},
) {
  mock = await startMockBatchServer({ apiKey: KEY, ...options });
  const url = mock.url;
  const events: BatchEvent[] = [];
  const deps = defaultTrialDeps({
    resolve: (id) => resolveModel(id, { apiKey: KEY, baseURL: url }),
    batch: {
      pollMs: 5,
      gatherMs: 20,
      env: { OPENAI_API_KEY: KEY, ANTHROPIC_API_KEY: KEY },
      onEvent: (e) => events.push(e),
    },
  });
  const result = await runExperiment({
    plan: { models: [model], conditions: CONDITIONS, variants: [0], protocol, seed: 3 },
    samples,
    outDir: out,
    concurrency: 100,
    deps,
    batchPrices: true,
  });
  return { result, events, mock };
}

function trials() {
  const db = new Database(join(out, 'turncoat.db'), { readonly: true });
  try {
    return db
      .prepare('SELECT condition, sample, status, error_message AS error, steps, cost_usd AS cost, input_tokens AS input, output_tokens AS output FROM trials ORDER BY condition, sample') // prettier-ignore
      .all() as { condition: string; sample: number; status: string; error: string | null; steps: number; cost: number; input: number; output: number }[]; // prettier-ignore
  } finally {
    db.close();
  }
}

it('runs text-protocol trials through one OpenAI batch, each stored once, at the batch price', async () => {
  const { result, mock, events } = await batchRun('openai:gpt-4.1', 'text', 3);
  expect(mock.refused).toEqual([]);
  expect(mock.batches).toHaveLength(1);
  expect(mock.batches[0]!.customIds).toHaveLength(6);
  expect([...mock.paid.values()]).toEqual([1, 1, 1, 1, 1, 1]);
  const stored = trials();
  expect(stored).toHaveLength(6);
  expect(stored.every((t) => t.status === 'ok' && t.steps === 1)).toBe(true);
  // Half the list price: gpt-4.1 lists $2 / $8 per million tokens.
  const list = estimateCost('openai:gpt-4.1', { inputTokens: 100, outputTokens: 20 })!;
  for (const t of stored) expect(t.cost).toBeCloseTo(list / 2, 12);
  expect(result.rows.reduce((n, r) => n + r.valid, 0)).toBe(6);
  expect(events.map((e) => e.type)).toContain('submitted');
  expect(events.at(-1)).toMatchObject({ type: 'ended', succeeded: 6, failed: 0 });
});

it('runs tool-protocol trials round by round through Anthropic message batches', async () => {
  const { mock } = await batchRun('anthropic:claude-sonnet-4-5', 'tools', 2);
  expect(mock.refused).toEqual([]);
  // Round 1: every trial's first turn (a tool call); round 2: every trial's answer.
  expect(mock.batches.map((b) => b.customIds.length)).toEqual([4, 4]);
  expect([...mock.paid.values()].every((n) => n === 1)).toBe(true);
  const stored = trials();
  expect(stored).toHaveLength(4);
  expect(stored.every((t) => t.status === 'ok' && t.steps === 2)).toBe(true);
});

it('retries a request that failed inside a batch in a later batch, and pays for it once', async () => {
  let unlucky: string | undefined;
  const { mock } = await batchRun('openai:gpt-4.1', 'text', 2, {
    failRequest: (id, attempt) => {
      unlucky ??= id;
      return id === unlucky && attempt === 1;
    },
  });
  expect(mock.batches.map((b) => b.customIds.length)).toEqual([4, 1]);
  expect(mock.batches[1]!.customIds).toEqual([unlucky]);
  expect(mock.submitted.get(unlucky!)).toBe(2);
  expect([...mock.paid.values()]).toEqual([1, 1, 1, 1]);
  expect(trials().every((t) => t.status === 'ok')).toBe(true);
});

it('records a request that fails every attempt as an errored trial, excluded from rates', async () => {
  let doomed: string | undefined;
  const { result, mock } = await batchRun('anthropic:claude-sonnet-4-5', 'text', 2, {
    failRequest: (id) => (doomed ??= id) === id,
  });
  // Three attempts in all (the default budget), each in its own batch.
  expect(mock.submitted.get(doomed!)).toBe(3);
  expect(mock.paid.has(doomed!)).toBe(false);
  const stored = trials();
  expect(stored).toHaveLength(4);
  const errored = stored.filter((t) => t.status === 'error');
  expect(errored).toHaveLength(1);
  expect(errored[0]!.error).toMatch(/batch request failed 3 time\(s\); last: errored: api_error/);
  expect(result.rows.reduce((n, r) => n + r.valid, 0)).toBe(3);
  expect(result.rows.reduce((n, r) => n + r.errors, 0)).toBe(1);
});

it.each(['expired', 'failed'] as const)(
  'submits the requests of an OpenAI batch that ended %s again, and pays for each once',
  async (fate) => {
    const { mock } = await batchRun('openai:gpt-4.1', 'text', 2, {
      batchFate: (index) => (index === 0 ? fate : 'completed'),
      pollsToEnd: 3,
    });
    expect(mock.batches.map((b) => b.customIds.length)).toEqual([4, 4]);
    expect([...mock.paid.values()]).toEqual([1, 1, 1, 1]);
    expect(trials().every((t) => t.status === 'ok')).toBe(true);
  },
);

it('stores every batch and the trial turns it carried, and never the key', async () => {
  await batchRun('anthropic:claude-sonnet-4-5', 'tools', 1);
  const db = new Database(join(out, 'turncoat.db'), { readonly: true });
  try {
    const batches = db.prepare('SELECT id, api, status, requests FROM batches').all();
    expect(batches).toEqual([
      { id: expect.stringMatching(/^msgbatch_/), api: 'anthropic', status: 'ended', requests: 2 },
      { id: expect.stringMatching(/^msgbatch_/), api: 'anthropic', status: 'ended', requests: 2 },
    ]);
    const steps = db.prepare('SELECT condition, step, status FROM batch_requests ORDER BY step, condition').all(); // prettier-ignore
    expect(steps).toEqual([
      { condition: CONDITIONS[0], step: 1, status: 'ok' },
      { condition: CONDITIONS[1], step: 1, status: 'ok' },
      { condition: CONDITIONS[0], step: 2, status: 'ok' },
      { condition: CONDITIONS[1], step: 2, status: 'ok' },
    ]);
  } finally {
    db.close();
  }
  const everything = new Database(join(out, 'turncoat.db'), { readonly: true });
  const tables = everything.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]; // prettier-ignore
  for (const table of tables) {
    const rows = JSON.stringify(everything.prepare(`SELECT * FROM "${table}"`).all());
    expect(rows).not.toContain(KEY);
  }
  everything.close();
});
