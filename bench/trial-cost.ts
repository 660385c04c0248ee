/**
 * The marginal harness CPU of one language-model trial: the same in-process run as the
 * `--models` case at 0 ms latency, N trials and then 2N trials into fresh stores after a
 * warm-up; (CPU(2N) - CPU(N)) / N is what each extra trial costs, free of fixed costs.
 *   node --import tsx bench/trial-cost.ts [N] [concurrency] [latency ms]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
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

if (import.meta.url === `file://${process.argv[1]}`) {
  const n = Number(process.argv[2] ?? 2000);
  const c = Number(process.argv[3] ?? 64);
  const latency = Number(process.argv[4] ?? 0);
  const r = await measureTrialCost(n, c, latency);
  console.log(
    `trial cost: ${n} vs ${2 * n} trials at ${latency} ms, concurrency ${c}, load average ${r.load.toFixed(1)}: ` +
      `${r.perTrialMs.toFixed(2)} ms CPU per trial over ${n}, marginal ${r.marginalMs.toFixed(2)} ms per extra trial`,
  );
}
