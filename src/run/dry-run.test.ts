import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { defaultTrialDeps } from './default-trial-deps.js';
import { dryRun } from './dry-run.js';
import { formatDryRun } from './dry-run-table.js';
import { runExperiment } from './run-experiment.js';
import type { RunPlan } from './plan.js';

let out: string;
beforeEach(() => {
  out = mkdtempSync(join(tmpdir(), 'turncoat-dry-'));
});
afterEach(() => rmSync(out, { recursive: true, force: true }));

const deps = defaultTrialDeps();
const plan = (protocol: 'tools' | 'text', models: string[]): RunPlan => ({
  models,
  conditions: ['blackmail_none-none_none', 'blackmail_explicit-america_replacement'],
  variants: [0],
  protocol,
  seed: 3,
});

it('counts calls per protocol, prices them, and reports a missing key instead of failing', async () => {
  const env = process.env['OPENAI_API_KEY'];
  delete process.env['OPENAI_API_KEY'];
  try {
    const text = await dryRun({ plan: plan('text', ['openai:gpt-4.1']), samples: 5, outDir: out, deps }); // prettier-ignore
    const tools = await dryRun({ plan: plan('tools', ['openai:gpt-4.1']), samples: 5, outDir: out, deps }); // prettier-ignore
    const [t] = text.models;
    expect(t).toMatchObject({ trials: 10, stored: 0, calls: 10 });
    expect(t!.problem).toMatch(/set OPENAI_API_KEY/);
    // gpt-4.1: $2 in, $8 out per million tokens.
    expect(t!.costUsd).toBeCloseTo((t!.inputTokens * 2 + t!.outputTokens * 8) / 1e6, 10);
    expect(tools.models[0]!.calls).toBeGreaterThan(t!.calls);
    expect(formatDryRun(text)).toMatch(/warning: openai:gpt-4.1: no API key/);
  } finally {
    if (env !== undefined) process.env['OPENAI_API_KEY'] = env;
  }
});

it('subtracts trials already stored, and a prices override wins', async () => {
  const p = plan('text', ['reference:aligned', 'openai-compatible:m@http://127.0.0.1:9/v1']);
  await runExperiment({ plan: { ...p, models: ['reference:aligned'] }, samples: 2, outDir: out, concurrency: 2, deps }); // prettier-ignore
  const before = await dryRun({ plan: p, samples: 4, outDir: out, deps });
  // Another plan (two models) is another run: nothing of it is stored yet.
  expect(before.stored).toBe(0);
  const same = await dryRun({ plan: { ...p, models: ['reference:aligned'] }, samples: 4, outDir: out, deps }); // prettier-ignore
  expect(same).toMatchObject({ total: 8, stored: 4 });
  expect(same.models[0]).toMatchObject({ kind: 'reference', calls: 0, costUsd: null });
  const priced = await dryRun({
    plan: p,
    samples: 1,
    outDir: out,
    deps,
    prices: { 'openai-compatible:m@http://127.0.0.1:9/v1': { input: 1, output: 1 } },
  });
  const lm = priced.models.find((m) => m.kind === 'language-model')!;
  expect(lm.costUsd).toBeCloseTo((lm.inputTokens + lm.outputTokens) / 1e6, 10);
});
