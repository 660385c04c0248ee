/**
 * The language-model path at scale: 2,000 trials (text protocol) against a mock
 * OpenAI-compatible server answering after 200 ms, with 64 trials in flight. The ideal is
 * concurrency / latency (320 trials/s); the harness should reach >= 90% of it. Also reports
 * the harness's own CPU per trial (process.cpuUsage of this process; the server runs in
 * another), with the full stack: rate limits, retries, response cache and SQLite.
 */
import { spawn } from 'node:child_process';
import { runChildCase } from './child-case.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { BENCH_CONDITIONS } from './conditions.js';

export interface ModelBenchOptions {
  trials: number;
  concurrency: number;
  latencyMs: number;
}

export interface ModelBenchResult extends ModelBenchOptions {
  seconds: number;
  perSecond: number;
  ideal: number;
  ratio: number;
  cpuMsPerTrial: number;
  errors: number;
  /** The same number of calls by a bare fetch loop (no harness) against the same server. */
  baselineRatio: number;
}

const TARGET_RATIO = 0.9;

/** Starts the mock server process; resolves with its URL and a stop function. */
export async function startServer(latencyMs: number): Promise<{ url: string; stop: () => void }> {
  const script = fileURLToPath(new URL('./mock-server-process.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, String(latencyMs)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`mock server exited (${code})`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

/** Runs the case in this process and measures it. */
export async function runModelBench(options: ModelBenchOptions): Promise<ModelBenchResult> {
  const { defaultTrialDeps } = await import('../src/run/default-trial-deps.js');
  const { runExperiment } = await import('../src/run/run-experiment.js');
  const server = await startServer(options.latencyMs);
  const out = mkdtempSync(join(tmpdir(), 'turncoat-bench-lm-'));
  try {
    const conditions = [...BENCH_CONDITIONS];
    const model = `openai-compatible:bench-model@${server.url}`;
    const deps = defaultTrialDeps({ concurrency: options.concurrency });
    const plan = { models: [model], conditions, variants: [0], protocol: 'text' as const, seed: 1 };
    // Warm-up (module loading, JIT, first connections), into another store, not measured.
    const warm = mkdtempSync(join(tmpdir(), 'turncoat-bench-warm-'));
    await runExperiment({
      plan: { ...plan, seed: 2 },
      samples: 20,
      outDir: warm,
      concurrency: options.concurrency,
      deps,
    });
    rmSync(warm, { recursive: true, force: true });

    const samples = Math.ceil(options.trials / conditions.length);
    const cpu = process.cpuUsage();
    const started = performance.now();
    const result = await runExperiment({
      plan,
      samples,
      outDir: out,
      concurrency: options.concurrency,
      deps,
    });
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const trials = samples * conditions.length;
    const perSecond = trials / seconds;
    const ideal = options.concurrency / (options.latencyMs / 1000);
    const baseline = await bareClient(server.url, trials, options.concurrency);
    return {
      baselineRatio: trials / baseline / ideal,
      ...options,
      trials,
      seconds,
      perSecond,
      ideal,
      ratio: perSecond / ideal,
      cpuMsPerTrial: (used.user + used.system) / 1000 / trials,
      errors: result.outcome.errors,
    };
  } finally {
    server.stop();
    rmSync(out, { recursive: true, force: true });
  }
}

/**
 * What the server and HTTP alone allow: `calls` chat completions with a prompt-sized body from
 * `concurrency` bare fetch loops. Returns the seconds taken.
 */
async function bareClient(url: string, calls: number, concurrency: number): Promise<number> {
  const body = JSON.stringify({
    model: 'bench-model',
    messages: [
      { role: 'system', content: 'x'.repeat(3_000) },
      { role: 'user', content: 'y'.repeat(8_000) },
    ],
  });
  let sent = 0;
  const started = performance.now();
  const loop = async () => {
    while (sent < calls) {
      sent++;
      const response = await fetch(`${url}/chat/completions`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json' },
      });
      await response.json();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  return (performance.now() - started) / 1000;
}

/** Runs the case `reps` times, each in its own process, and prints the median and best. */
export function benchModelPath(options: ModelBenchOptions, reps: number): void {
  const self = fileURLToPath(new URL('./index.ts', import.meta.url));
  const runs: ModelBenchResult[] = [];
  for (let i = 0; i < reps; i++) {
    runs.push(
      runChildCase<ModelBenchResult>(
        self,
        ['--model-case', JSON.stringify(options)],
        'language-model',
      ),
    );
  }
  runs.sort((a, b) => a.ratio - b.ratio);
  const median = runs[Math.floor(runs.length / 2)]!;
  printModelBench(median, runs);
}

/** Prints the case's lines for `npm run bench`. */
export function printModelBench(r: ModelBenchResult, all: ModelBenchResult[] = [r]): void {
  const f = (x: number, d = 0) =>
    x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
  console.log(
    `\nlanguage-model path: ${f(r.trials)} trials (text protocol) against a mock OpenAI-compatible server at ${r.latencyMs} ms latency, concurrency ${r.concurrency}, load average before: ${loadavg()[0]!.toFixed(1)}`,
  );
  console.log(
    `achieved ${f(r.perSecond, 1)} trials/s in ${f(r.seconds, 2)} s; ideal ${f(r.ideal)} trials/s (concurrency / latency); ratio ${f(r.ratio * 100, 1)}% (target >= ${TARGET_RATIO * 100}%: ${r.trials < 2_000 ? 'applies to the full 2,000-trial run, not this smoke run' : r.ratio >= TARGET_RATIO ? 'met' : 'MISSED'})`,
  );
  if (all.length > 1) {
    console.log(
      `(median of ${all.length} runs, each in its own process; all ratios: ${all.map((x) => `${f(x.ratio * 100, 1)}%`).join(', ')})`,
    );
  }
  console.log(
    `baseline: bare fetch loops (no harness) against the same server reach ${f(r.baselineRatio * 100, 1)}% of the ideal (the server's own overhead, and ${Math.ceil(r.trials / r.concurrency)} waves of ${r.concurrency} for ${f(r.trials)} calls)`,
  );
  console.log(
    `harness CPU ${f(r.cpuMsPerTrial, 2)} ms per trial (user + system of this process; the mock server runs in another), ${r.errors} errors`,
  );
}
