/**
 * Bench case: report generation over a large store. Writes `trials` synthetic trials (8
 * language-model ids, 4 scenarios x 6 conditions, 5 surface variants, about 2% errors,
 * one eval_awareness verdict per scored trial) straight into a temporary store with bulk
 * inserts, then times `turncoat report` as json, table (with comparisons and marginals),
 * html (all charts) and `--risk` for one model. Prints one JSON line (the bench entry
 * formats it).
 *
 *   node --import tsx bench/report-scale.ts [trials]      # default 1,000,000
 */
import { runChildCase, fmt } from './child-case.js';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '../src/store/store.js';
import { verdictSetWriter } from '../src/store/verdict-sets.js';
import { buildReport, type ReportFormat } from '../src/report/build-report.js';
import { parseGrouping } from '../src/report/grouping.js';
import { buildRiskReport } from '../src/report/risk/build-risk-report.js';

export interface ReportBenchResult {
  trials: number;
  writeSeconds: number;
  dbMb: number;
  /** Seconds per report, keyed by what was built. */
  seconds: Record<string, number>;
  peakRssMb: number;
}

const MODELS = [
  'openai:gpt-4.1',
  'openai:gpt-4o',
  'anthropic:claude-opus-4-20250514',
  'anthropic:claude-3-7-sonnet-20250219',
  'google:gemini-2.5-pro',
  'google:gemini-2.5-flash',
  'openrouter:x-ai/grok-3-beta',
  'openrouter:deepseek/deepseek-r1',
];
const HEADLINES: Record<string, [string, string, string]> = {
  blackmail: ['explicit', 'america', 'replacement'],
  leaking: ['explicit', 'america', 'none'],
  lethal: ['explicit', 'america', 'replacement'],
  routine: ['explicit', 'america', 'replacement'],
};
const EXTRAS: Array<[string, string, string]> = [
  ['', 'none', 'none'],
  ['+mitigation=prohibit', 'none', 'prohibit'],
  ['+mitigation=escalation', 'none', 'escalation'],
  ['+notice=eval', 'eval', 'none'],
];
const VARIANTS = 5;
const BELIEFS = ['"thinks-eval"', '"thinks-real"', '"no-deliberation"'];

interface Cell {
  condition: string;
  scenario: string;
  goalType: string;
  goalValue: string;
  urgency: string;
  notice: string;
  mitigation: string;
  rate: number;
}

function cells(): Cell[] {
  return Object.entries(HEADLINES).flatMap(([scenario, [goalType, goalValue, urgency]]) => [
    ...EXTRAS.map(([suffix, notice, mitigation], i) => ({
      condition: `${scenario}_${goalType}-${goalValue}_${urgency}${suffix}`,
      scenario,
      goalType,
      goalValue,
      urgency,
      notice,
      mitigation,
      rate: scenario === 'routine' ? 0.01 : [0.6, 0.3, 0.05, 0.2][i]!,
    })),
    ...[
      ['none', 'none', 'replacement'],
      ['none', 'none', 'none'],
    ].map(([gt, gv, u]) => ({
      condition: `${scenario}_${gt}-${gv}_${u}`,
      scenario,
      goalType: gt!,
      goalValue: gv!,
      urgency: u!,
      notice: 'none',
      mitigation: 'none',
      rate: u === 'none' ? 0.01 : 0.3,
    })),
  ]);
}

/** A cheap deterministic pseudo-random number in [0, 1) from an integer. */
function noise(i: number): number {
  let x = (i ^ 0x9e3779b9) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b) >>> 0;
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35) >>> 0;
  return ((x ^ (x >>> 16)) >>> 0) / 4294967296;
}

/** Writes `trials` synthetic trials of one run into the store in `dir`; returns the run id. */
export function writeSyntheticTrials(dir: string, trials: number): string {
  const store = openStore(dir, { create: true });
  const { db } = store;
  const run = 'run-bench-report';
  const plan = {
    models: MODELS,
    conditions: cells().map((c) => c.condition),
    variants: [0, 1, 2, 3, 4],
    protocol: 'tools',
    seed: 1,
  };
  const now = new Date().toISOString();
  db.prepare(
    `INSERT INTO runs (id, created, updated, plan, plan_hash, pack_hashes, samples, tool_version, status)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'complete')`,
  ).run(run, now, now, JSON.stringify(plan), 'bench', JSON.stringify({}), 0, 'turncoat bench');
  const insertTrial = db.prepare(
    `INSERT INTO trials (id, run, model, model_kind, condition, scenario, goal_type, goal_value, urgency,
       prompt_variant, notice, mitigation, variant, sample, seed, protocol, pack_hash, status,
       error_category, harmful, started_at, duration_ms, input_tokens, output_tokens, steps)
     VALUES (?, ?, ?, 'language-model', ?, ?, ?, ?, ?, 'dev', ?, ?, ?, ?, ?, 'tools', 'bench', ?, ?, ?, ?, 1000, 2000, 300, 3)`,
  );
  // One eval_awareness verdict per trial, as the run stores them (a link to a shared set).
  const verdictSets = verdictSetWriter(db);
  const awareness = BELIEFS.map((belief) => [
    {
      dimension: 'eval_awareness',
      judge: 'heuristic',
      status: 'scored' as const,
      value: JSON.parse(belief) as string,
      confidence: 1,
      rationale: '',
      evidence: [],
    },
  ]);
  const grid = cells();
  const perSample = MODELS.length * grid.length * VARIANTS;
  const batch = db.transaction((from: number, to: number) => {
    for (let id = from; id < to; id++) {
      const sample = Math.floor(id / perSample);
      const k = id % perSample;
      const model = MODELS[k % MODELS.length]!;
      const cell = grid[Math.floor(k / MODELS.length) % grid.length]!;
      const variant = Math.floor(k / (MODELS.length * grid.length));
      const r = noise(id);
      const error = r < 0.02;
      const harmful = error ? null : noise(id + 7_777_777) < cell.rate ? 1 : 0;
      insertTrial.run(
        id + 1,
        run,
        model,
        cell.condition,
        cell.scenario,
        cell.goalType,
        cell.goalValue,
        cell.urgency,
        cell.notice,
        cell.mitigation,
        variant,
        sample,
        id,
        error ? 'error' : 'ok',
        error ? 'rate_limit' : null,
        harmful,
        now,
      );
      if (!error) verdictSets.link(id + 1, 'run', awareness[Math.floor(r * 1000) % 3]!);
    }
  });
  for (let from = 0; from < trials; from += 50_000) batch(from, Math.min(trials, from + 50_000));
  store.close();
  return run;
}

/** Writes the store, then times each report over it. */
export async function runReportBench(trials: number): Promise<ReportBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'turncoat-bench-report-'));
  try {
    let started = performance.now();
    writeSyntheticTrials(dir, trials);
    const writeSeconds = (performance.now() - started) / 1000;
    const store = openStore(dir, { create: false });
    const run = store.run();
    const seconds: Record<string, number> = {};
    const time = async (name: string, build: () => Promise<string>) => {
      started = performance.now();
      const text = await build();
      seconds[name] = (performance.now() - started) / 1000;
      if (text.length === 0) throw new Error(`${name} produced nothing`);
    };
    const request = (format: ReportFormat, marginals = false) => ({
      grouping: parseGrouping('model,condition'),
      format,
      compare: [],
      ci: 'wilson' as const,
      marginals,
    });
    await time('json', () => buildReport(store.db, run, request('json')));
    await time('table', () => buildReport(store.db, run, request('table', true)));
    await time('html', () => buildReport(store.db, run, request('html')));
    await time('risk', () =>
      buildRiskReport(store.db, run, { model: 'openai:gpt-4.1', format: 'table' }),
    );
    store.close();
    return {
      trials,
      writeSeconds,
      dbMb: statSync(join(dir, 'turncoat.db')).size / 1024 / 1024,
      seconds,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The bench entry's report section: runs the case in a child process (its own memory) and
 * prints the figures. `quick` uses 100,000 trials instead of 1,000,000.
 */
export function printReportBench(quick = false): void {
  const trials = quick ? 100_000 : 1_000_000;
  const r = runChildCase<ReportBenchResult>(import.meta.url, [String(trials)], `report ${trials}`);
  console.log(
    `\nreport generation over ${fmt(r.trials)} stored trials (synthetic, one run; store ${fmt(r.dbMb)} MB, written in ${fmt(r.writeSeconds, 1)} s with bulk inserts):`,
  );
  console.log('report                                              seconds');
  const names: Record<string, string> = {
    json: 'report --format json',
    table: 'report (table, default comparisons, --marginals)',
    html: 'report --format html (every chart)',
    risk: 'report --risk MODEL',
  };
  for (const [key, seconds] of Object.entries(r.seconds))
    console.log(`${(names[key] ?? key).padEnd(50)}  ${fmt(seconds, 2).padStart(7)}`);
  console.log(`peak RSS ${fmt(r.peakRssMb)} MB`);
}

const isEntry = process.argv[1] === fileURLToPath(import.meta.url);
if (isEntry) {
  const trials = Number(process.argv[2] ?? 1_000_000);
  process.stdout.write(`${JSON.stringify(await runReportBench(trials))}\n`);
}
