import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { defaultTrialDeps } from './default-trial-deps.js';
import { dryRun, dryRunRefusals } from './dry-run.js';
import { JUDGE_CALLS_PER_TRIAL } from './dry-run-judges.js';
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
    expect(dryRunRefusals(text)).toEqual([
      "model openai:gpt-4.1: no API key for 'openai:gpt-4.1': set OPENAI_API_KEY (or apiKeyEnv in turncoat.config.yaml)",
    ]);
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

it('plans each judge: calls on the trials still to run, tokens, cost, and a missing key', async () => {
  const saved = process.env['ANTHROPIC_API_KEY'];
  delete process.env['ANTHROPIC_API_KEY'];
  try {
    const p = plan('text', ['reference:aligned']);
    await runExperiment({ plan: p, samples: 1, outDir: out, concurrency: 2, deps });
    const judges = ['heuristic', 'openai-compatible:j@http://127.0.0.1:9/v1', 'anthropic:claude-sonnet-4-5']; // prettier-ignore
    const dry = await dryRun({ plan: p, samples: 3, outDir: out, deps, judges });
    // 2 conditions x 3 samples, 2 already stored (and judged when they ran): 4 to judge.
    expect(dry).toMatchObject({ total: 6, stored: 2 });
    const [heuristic, local, claude] = dry.judges;
    expect(heuristic).toMatchObject({ judge: 'heuristic@1', trials: 4, calls: 0, costUsd: 0 });
    expect(local).toMatchObject({ trials: 4, calls: 4 * JUDGE_CALLS_PER_TRIAL, costUsd: null });
    expect(local!.problem).toBeUndefined();
    // The judge reads the brief and the inbox: thousands of tokens per trial.
    expect(local!.inputTokens / 4).toBeGreaterThan(1000);
    expect(claude).toMatchObject({ calls: local!.calls, inputTokens: local!.inputTokens });
    expect(claude!.costUsd).toBeCloseTo((claude!.inputTokens * 3 + claude!.outputTokens * 15) / 1e6, 10); // prettier-ignore
    expect(dryRunRefusals(dry)).toEqual([
      "judge anthropic:claude-sonnet-4-5: no API key for 'anthropic:claude-sonnet-4-5': set ANTHROPIC_API_KEY (or apiKeyEnv in turncoat.config.yaml)",
    ]);
    const text = formatDryRun(dry);
    expect(text).toMatch(/^heuristic@1\s+4\s+-\s+-\s+-\s+offline, no calls\s+free$/m);
    expect(text).toMatch(/^~cost of agents and judges together: \$\d+\.\d+ \+ unknown$/m);

    // Every trial stored: nothing left to judge, nothing to pay.
    const done = await dryRun({ plan: p, samples: 1, outDir: out, deps, judges });
    expect(done.judges.map((j) => j.calls)).toEqual([0, 0, 0]);
  } finally {
    if (saved !== undefined) process.env['ANTHROPIC_API_KEY'] = saved;
  }
});

it('--retry-errors: errored trials count as to run again, not as stored', async () => {
  const p = plan('text', ['openai-compatible:m@http://127.0.0.1:9/v1']);
  const failing = defaultTrialDeps({ retry: { maxAttempts: 1 } });
  await runExperiment({ plan: p, samples: 1, outDir: out, concurrency: 2, deps: failing });
  const resumed = await dryRun({ plan: p, samples: 1, outDir: out, deps });
  expect(resumed).toMatchObject({ total: 2, stored: 2 });
  const retried = await dryRun({ plan: p, samples: 1, outDir: out, deps, retryErrors: true });
  expect(retried).toMatchObject({ total: 2, stored: 0 });
  expect(retried.models[0]!.calls).toBe(2);
});
