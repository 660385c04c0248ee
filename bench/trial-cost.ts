/**
 * The marginal harness CPU of one language-model trial: the same in-process run as the
 * `--models` case at 0 ms latency, N trials and then 2N trials into fresh stores after a
 * warm-up; (CPU(2N) - CPU(N)) / N is what each extra trial costs, free of fixed costs.
 *   node --import tsx bench/trial-cost.ts [N] [concurrency] [latency ms]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_CONDITIONS } from './conditions.js';
import { startServer } from './model-throughput.js';

export interface TrialCostResult {
  trials: number;
  concurrency: number;
  /** CPU ms per trial of the N-trial run (fixed costs of a run included). */
  perTrialMs: number;
  /** (CPU(2N) - CPU(N)) / N. */
  marginalMs: number;
  load: number;
}

/** Measures the marginal CPU per trial in this process. */
export async function measureTrialCost(
  trials: number,
  concurrency: number,
  latencyMs = 0,
): Promise<TrialCostResult> {
  const load = loadavg()[0]!;
  const { defaultTrialDeps } = await import('../src/run/default-trial-deps.js');
  const { runExperiment } = await import('../src/run/run-experiment.js');
  const server = await startServer(latencyMs);
  const conditions = [...BENCH_CONDITIONS];
  const deps = defaultTrialDeps({ concurrency });
  const plan = {
    models: [`openai-compatible:bench-model@${server.url}`],
    conditions,
    variants: [0],
    protocol: 'text' as const,
    seed: 1,
  };
  const once = async (n: number, seed: number) => {
    const out = mkdtempSync(join(tmpdir(), 'turncoat-bench-cost-'));
    try {
      const cpu = process.cpuUsage();
      const result = await runExperiment({
        plan: { ...plan, seed },
        samples: Math.ceil(n / conditions.length),
        outDir: out,
        concurrency,
        deps,
      });
      const used = process.cpuUsage(cpu);
      if (result.outcome.errors > 0) throw new Error(`${result.outcome.errors} trials errored`);
      return (used.user + used.system) / 1000;
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  };
  try {
    await once(400, 2);
    const single = await once(trials, 3);
    const double = await once(2 * trials, 4);
    return {
      trials,
      concurrency,
      perTrialMs: single / trials,
      marginalMs: (double - single) / trials,
      load,
    };
  } finally {
    server.stop();
  }
}

const describe = (r: TrialCostResult, latencyMs: number) =>
  `trial cost: ${r.trials} vs ${2 * r.trials} trials at ${latencyMs} ms, concurrency ${r.concurrency}, ` +
  `load average ${r.load.toFixed(1)}: ${r.perTrialMs.toFixed(2)} ms CPU per trial over ${r.trials}, ` +
  `marginal ${r.marginalMs.toFixed(2)} ms per extra trial`;

/**
 * `npm run bench -- --trial-cost`: the marginal CPU per trial at 0 ms and at 200 ms latency
 * (concurrency 64), each case in its own process, `reps` times; prints every run.
 */
export function printTrialCost(quick: boolean, reps = quick ? 1 : 3): void {
  const self = fileURLToPath(import.meta.url);
  const trials = quick ? 500 : 2_000;
  console.log(
    `harness CPU per language-model trial (in process, mock server in another; the judge and the store included; target <= 1 ms):`,
  );
  for (const latency of [0, 200]) {
    for (let i = 0; i < reps; i++) {
      const child = spawnSync(
        process.execPath,
        ['--import', 'tsx', self, String(trials), '64', String(latency)],
        { encoding: 'utf8' },
      );
      if (child.status !== 0) throw new Error(`trial-cost case failed:\n${child.stderr}`);
      console.log(child.stdout.trim());
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const n = Number(process.argv[2] ?? 2000);
  const c = Number(process.argv[3] ?? 64);
  const latency = Number(process.argv[4] ?? 0);
  console.log(describe(await measureTrialCost(n, c, latency), latency));
}
