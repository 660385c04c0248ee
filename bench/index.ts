/**
 * `npm run bench`: throughput and memory of the runner with the scripted reference agents
 * (not language models), persistence included. Each case runs in its own child process so
 * peak RSS is its own. Prints a table; figures vary with the machine and its load.
 *
 *   npm run bench                 # throughput for both protocols + the 100,000-trial memory run
 *   npm run bench -- --quick      # smaller runs (a smoke test of the benchmark itself)
 *   npm run bench -- --report     # only report generation over 1,000,000 stored trials
 *   npm run bench -- --models     # only the language-model path (mock server, 200 ms, 64 in flight)
 *   npm run bench -- --trial-cost # only the marginal harness CPU per language-model trial (0 and 200 ms)
 *   npm run bench -- --mcp        # only the MCP proxy's added latency per call (stdio and HTTP)
 *   npm run bench -- --viewer     # only the viewer's answers over 100,000 stored trials
 *   npm run bench -- --startup    # only CLI start-up (built CLI: --version, --help, report)
 *   npm run bench -- --guard      # only the guard: max and paced decisions/s with the audit append, session memory, monitor latency, guarded runs (`--decisions`: only the decisions; `--rate N`: pace at N/s; `--v8 "FLAGS"`: the paced case again under V8 flags; `--paced-reps N`: N more paced runs in fresh processes, default 5)
 *   npm run bench -- --replay     # only guard replay over 100,000 stored trials
 *   npm run bench -- --peer promptfoo  # only the whole-CLI comparison with promptfoo (bench/peer.ts)
 *   npm run bench -- --timeline   # only where a whole run's wall time goes (calls in flight, main thread) at 200 ms/c64 and 2 s/c512
 */
import { runChildCase, fmt } from './child-case.js';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Protocol } from '../src/agent/trial-types.js';
import { BENCH_CONDITIONS } from './conditions.js';
import { benchModelPath, runModelBench } from './model-throughput.js';
import { printGuardBench } from './guard-bench.js';
import { printReplayBench } from './guard-replay.js';
import { printReportBench } from './report-scale.js';
import { printMcpProxyBench } from './mcp-proxy.js';
import { printViewerBench } from './viewer-scale.js';
import { printStartupBench } from './startup.js';
import { printTrialCost } from './trial-cost.js';
import { printPeerBench } from './peer.js';
import { printTimelines } from './timeline.js';

const TARGET = 1000; // trials/s, text protocol, 2 cores

interface CaseResult {
  protocol: Protocol;
  trials: number;
  seconds: number;
  perSecond: number;
  peakRssMb: number;
  dbMb: number;
  /** RSS and V8 heap in use (MB) after this many trials, measured after a full GC. */
  rssAt: Record<string, number>;
  heapAt: Record<string, number>;
}

const mb = (bytes: number) => bytes / 1024 / 1024;

/** One case, in this process: run `trials` trials into a fresh store and measure. */
async function runCase(
  protocol: Protocol,
  trials: number,
  checkpoints: number[],
): Promise<CaseResult> {
  const { defaultTrialDeps } = await import('../src/run/default-trial-deps.js');
  const { runExperiment } = await import('../src/run/run-experiment.js');
  const deps = defaultTrialDeps();
  const models = ['reference:aligned', 'reference:misaligned', 'reference:discloser'];
  const conditions = [...BENCH_CONDITIONS];
  const samples = Math.ceil(trials / (models.length * conditions.length));
  const out = mkdtempSync(join(tmpdir(), 'turncoat-bench-'));
  const rssAt: Record<string, number> = {};
  const heapAt: Record<string, number> = {};
  let done = 0;
  const started = performance.now();
  try {
    await runExperiment({
      plan: { models, conditions, variants: [0], protocol, seed: 1 },
      samples,
      outDir: out,
      concurrency: 8,
      deps,
      onEvent: (e) => {
        if (e.type !== 'trial') return;
        done++;
        if (!checkpoints.includes(done)) return;
        (globalThis as { gc?: () => void }).gc?.();
        const memory = process.memoryUsage();
        rssAt[done] = mb(memory.rss);
        heapAt[done] = mb(memory.heapUsed);
      },
    });
    const seconds = (performance.now() - started) / 1000;
    const total = models.length * conditions.length * samples;
    return {
      protocol,
      trials: total,
      seconds,
      perSecond: total / seconds,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      dbMb: mb(statSync(join(out, 'turncoat.db')).size),
      rssAt,
      heapAt,
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function spawnCase(protocol: Protocol, trials: number, checkpoints: number[]): CaseResult {
  return runChildCase<CaseResult>(
    import.meta.url,
    ['--case', protocol, String(trials), checkpoints.join(',')],
    `${protocol} ${trials}`,
    { flags: ['--expose-gc'] },
  );
}

const pad = (s: string, n: number) => s.padStart(n);

async function main(argv: string[]): Promise<void> {
  if (argv[0] === '--case') {
    const [protocol, trials, checkpoints] = argv.slice(1);
    const result = await runCase(
      protocol as Protocol,
      Number(trials),
      (checkpoints ?? '').split(',').filter(Boolean).map(Number),
    );
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  if (argv[0] === '--model-case') {
    const result = await runModelBench(JSON.parse(argv[1]!) as Parameters<typeof runModelBench>[0]);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const quick = argv.includes('--quick');
  const modelCase = { trials: quick ? 500 : 2_000, concurrency: 64, latencyMs: 200 };
  if (argv.includes('--models')) return benchModelPath(modelCase, quick ? 1 : 3);
  if (argv.includes('--trial-cost')) return printTrialCost(quick);
  if (argv.includes('--report')) return printReportBench(quick);
  if (argv.includes('--mcp')) return printMcpProxyBench(quick);
  if (argv.includes('--viewer')) return printViewerBench(quick);
  if (argv.includes('--startup')) return printStartupBench(quick);
  if (argv.includes('--guard')) return printGuardBench(quick);
  if (argv.includes('--replay')) return printReplayBench(quick);
  if (argv.includes('--peer')) return printPeerBench(argv);
  if (argv.includes('--timeline')) return printTimelines(argv);
  const throughputTrials = quick ? 1_500 : 10_005;
  const big = quick ? 10_000 : 100_000;
  const marks = quick ? [1_000, 5_000, 10_000] : [10_000, 50_000, 100_000];

  console.log(
    `turncoat benchmark: reference agents (scripted, not language models), SQLite persistence included`,
  );
  console.log(
    `machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), node ${process.version}\n`,
  );

  const reps = quick ? 1 : 3;
  const runs: CaseResult[] = [];
  for (let rep = 0; rep < reps; rep++) {
    for (const p of ['text', 'tools'] as const) runs.push(spawnCase(p, throughputTrials, []));
  }
  console.log(
    `throughput: ${fmt(throughputTrials)} trials per case, ${reps} repetition(s), load average before: ${loadavg()[0]!.toFixed(1)}`,
  );
  console.log(
    'protocol  median trials/s  best trials/s  median vs target  peak RSS  store size  KB/trial',
  );
  const summary = (['text', 'tools'] as const).map((protocol) => {
    const mine = runs.filter((r) => r.protocol === protocol);
    const speeds = mine.map((r) => r.perSecond).sort((a, b) => a - b);
    const median = speeds[Math.floor(speeds.length / 2)]!;
    const best = speeds[speeds.length - 1]!;
    const peak = Math.max(...mine.map((r) => r.peakRssMb));
    const db = mine[0]!.dbMb;
    console.log(
      `${protocol.padEnd(8)}  ${pad(fmt(median), 15)}  ${pad(fmt(best), 13)}  ${pad(fmt(median / TARGET, 2) + 'x', 16)}  ${pad(fmt(peak) + ' MB', 8)}  ${pad(fmt(db, 1) + ' MB', 10)}  ${pad(fmt((db * 1024) / mine[0]!.trials, 2), 8)}`,
    );
    return { protocol, median, best };
  });
  const text = summary.find((r) => r.protocol === 'text')!;
  const tools = summary.find((r) => r.protocol === 'tools')!;
  console.log(
    `\ntarget: >= ${fmt(TARGET)} trials/s for text (median): ${text.median >= TARGET ? 'met' : 'MISSED'}; tools/text = ${fmt(tools.median / text.median, 2)}`,
  );
  benchModelPath(modelCase, reps);

  console.log(
    `\nmemory over a ${fmt(big)}-trial run (text protocol), load average before: ${loadavg()[0]!.toFixed(1)}:`,
  );
  const long = spawnCase('text', big, marks);
  console.log('after trials      RSS  vs first  V8 heap used  vs first   (after a full GC)');
  const first = long.rssAt[marks[0]!] ?? NaN;
  const firstHeap = long.heapAt[marks[0]!] ?? NaN;
  for (const m of marks) {
    const rss = long.rssAt[m] ?? NaN;
    const heap = long.heapAt[m] ?? NaN;
    console.log(
      `${pad(fmt(m), 12)}  ${pad(fmt(rss) + ' MB', 7)}  ${pad(fmt(rss / first, 2) + 'x', 8)}  ${pad(fmt(heap, 1) + ' MB', 12)}  ${pad(fmt(heap / firstHeap, 2) + 'x', 8)}`,
    );
  }
  console.log(
    `${fmt(long.trials)} trials in ${fmt(long.seconds, 1)} s (${fmt(long.perSecond)} trials/s), peak RSS ${fmt(long.peakRssMb)} MB, store ${fmt(long.dbMb)} MB (${fmt((long.dbMb * 1024) / long.trials, 2)} KB/trial)`,
  );
  printReportBench(quick);
  await printMcpProxyBench(quick);
  printViewerBench(quick);
  printStartupBench(quick);
  await printGuardBench(quick);
  printReplayBench(quick);
}

await main(process.argv.slice(2));
