/**
 * Bench case: `turncoat guard replay` over a large stored run. Runs a few real trials of the
 * scripted reference agents (not language models) with the guard off, then writes them again
 * and again with the store's own trial writer (new sample indexes) until the run holds
 * `trials` trials; then times the replay of the example policy over all of them (read-only
 * store, world facts, every call through the rules, the backtest tally). One JSON line.
 *
 *   node --import tsx bench/guard-replay.ts [trials]      # default 100,000
 */
import { runChildCase, fmt } from './child-case.js';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ReplayBenchResult {
  trials: number;
  actions: number;
  writeSeconds: number;
  replaySeconds: number;
  /** CPU time of the replay (user + system): what a loaded machine cannot inflate. */
  replayCpuSeconds: number;
  dbMb: number;
  peakRssMb: number;
}

const CONDITIONS = [
  'blackmail_explicit-america_replacement',
  'blackmail_none-none_none',
  'leaking_explicit-america_none',
  'lethal_explicit-america_replacement',
  'routine_none-none_none',
];
const MODELS = ['reference:misaligned', 'reference:aligned', 'reference:discloser'];

async function runReplayBench(trials: number): Promise<ReplayBenchResult> {
  const { resolveModel } = await import('../src/agent/resolve-model.js');
  const { runTrial } = await import('../src/agent/run-trial.js');
  const { scoreTrial } = await import('../src/judge/score-trial.js');
  const { loadCatalog } = await import('../src/scenario/catalog.js');
  const { openStore } = await import('../src/store/store.js');
  const { openRun, setRunStatus } = await import('../src/store/runs.js');
  const { runGuardReplay } = await import('../src/guard/replay/run-guard-replay.js');
  const catalog = loadCatalog();
  const dir = mkdtempSync(join(tmpdir(), 'turncoat-bench-replay-'));
  try {
    const seeds: Array<{ model: string; kind: 'reference'; scenario: ReturnType<typeof catalog.render>; transcript: Awaited<ReturnType<typeof runTrial>>; verdict: ReturnType<typeof scoreTrial> }> = []; // prettier-ignore
    for (const model of MODELS)
      for (const condition of CONDITIONS)
        for (const protocol of ['tools', 'text'] as const) {
          const scenario = catalog.render(condition, 0);
          const transcript = await runTrial(scenario, resolveModel(model), {
            protocol,
            sample: 0,
            seed: 1,
          });
          seeds.push({ model: `${model}#${protocol}`, kind: 'reference', scenario, transcript, verdict: scoreTrial(scenario, transcript) }); // prettier-ignore
        }
    const store = openStore(dir);
    const run = openRun(store.db, {
      id: 'run-bench-replay',
      plan: { models: MODELS, conditions: CONDITIONS, variants: [0], protocol: 'tools', seed: 1 },
      planHash: 'bench-replay',
      packHashes: {},
      samples: Math.ceil(trials / seeds.length),
      toolVersion: 'bench',
    }).run;
    const started = performance.now();
    const BATCH = 2_000;
    for (let written = 0; written < trials;) {
      const batch = [];
      for (let i = 0; i < BATCH && written < trials; i++, written++) {
        const seed = seeds[written % seeds.length]!;
        batch.push({
          run: run.id,
          model: seed.model,
          modelKind: seed.kind,
          scenario: seed.scenario,
          sample: Math.floor(written / seeds.length),
          seed: 1,
          transcript: seed.transcript,
          verdict: seed.verdict,
        });
      }
      store.writer.writeBatch(batch);
    }
    setRunStatus(store.db, run.id, 'complete');
    store.close();
    const writeSeconds = (performance.now() - started) / 1000;
    const replayStarted = performance.now();
    const cpuStarted = process.cpuUsage();
    const outcome = await runGuardReplay({
      policy: fileURLToPath(new URL('../policies/example.yaml', import.meta.url)),
      out: dir,
      dimension: [],
      format: 'json',
    });
    const replaySeconds = (performance.now() - replayStarted) / 1000;
    const cpu = process.cpuUsage(cpuStarted);
    const replayCpuSeconds = (cpu.user + cpu.system) / 1e6;
    const b = outcome.report.policy.backtest!;
    return {
      trials: outcome.report.sessions,
      actions: b.actions,
      writeSeconds,
      replaySeconds,
      replayCpuSeconds,
      dbMb: statSync(join(dir, 'turncoat.db')).size / 1024 / 1024,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The bench entry's guard-replay section (a child process, its own memory). */
export function printReplayBench(quick = false): void {
  const trials = quick ? 10_000 : 100_000;
  const r = runChildCase<ReplayBenchResult>(
    import.meta.url,
    [String(trials)],
    `guard replay ${trials}`,
    { maxBuffer: 64 * 1024 * 1024 },
  );
  console.log(
    `\nguard replay of policies/example.yaml over ${fmt(r.trials)} stored trials (reference agents, both protocols; store ${fmt(r.dbMb)} MB written in ${fmt(r.writeSeconds, 1)} s):`,
  );
  console.log(
    `${fmt(r.actions)} actions replayed in ${fmt(r.replaySeconds, 1)} s wall, ${fmt(r.replayCpuSeconds, 1)} s CPU (${fmt(r.trials / r.replaySeconds)} trials/s); target < 60 s: ${r.replaySeconds < 60 ? 'met' : 'MISSED'} (load average before: ${loadavg()[0]!.toFixed(1)}); peak RSS ${fmt(r.peakRssMb)} MB`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const trials = Number(process.argv[2] ?? 100_000);
  process.stdout.write(`${JSON.stringify(await runReplayBench(trials))}\n`);
}
