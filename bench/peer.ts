/**
 * `npm run bench -- --peer promptfoo`: the same single-turn workload through turncoat and
 * through promptfoo, both as whole CLI processes (start-up, run, the files each writes),
 * against one local mock OpenAI-compatible server (bench/mock-server-process.ts, its own
 * process) at the same latency and concurrency. Each tool stores its results and checks
 * each answer: turncoat with its normal `run` (text protocol, the offline heuristic judge,
 * SQLite store and report.html); promptfoo with `eval` (one `not-contains` assertion per
 * test, its SQLite database and a JSON output file, cache off). Wall time, CPU time
 * (user + sys of the process and its children, from /usr/bin/time) and peak RSS; the runs
 * are interleaved and the medians printed as one compact table.
 *
 *   npm run bench -- --peer promptfoo                 # 2,000 trials, 3 interleaved repeats
 *   npm run bench -- --peer promptfoo --reps 5 --trials 2000
 *   npm run bench -- --peer promptfoo --quick         # 200 trials, 1 repeat (a smoke run)
 *   npm run bench -- --peer promptfoo --turncoat-only # turncoat's side alone (before/after a change)
 *   npm run bench -- --peer promptfoo --marginal      # also turncoat at 3x the trials: CPU per extra trial
 *   npm run bench -- --peer promptfoo --turncoat-only --cli /elsewhere/bin/turncoat.js   # another build
 *   npm run bench -- --peer promptfoo --no-floor      # without the bare-undici floor
 *
 * In each case with latency, every repeat also times the machine's floor: the same number of
 * calls with the same prompt from plain undici lanes in a process of their own
 * (bench/bare-undici-client.mjs: no store, no judge, no report), so the share of the bound no
 * harness could reach on this machine is printed beside turncoat's.
 *
 * `--marginal` adds, per case and repeat, one turncoat run of 3 x N trials (default 6,000)
 * and prints the slope (CPU(3N) - CPU(N)) / 2N next to the whole-process CPU per trial: what
 * each further trial costs once the fixed costs (start-up, module loading, the report, exit)
 * are paid. It is a separate, labelled figure; the table's CPU column stays the whole process.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './model-throughput.js';
import { ensureBuilt } from './ensure-built.js';
import { ensurePromptfoo, PROMPTFOO_VERSION } from './peer-install.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const CONDITION = 'blackmail_explicit-america_replacement';
const MODEL = 'bench-model';
const TIME = '/usr/bin/time';

interface PeerCase {
  latencyMs: number;
  concurrency: number;
}

/** `floor`: the same calls from bare undici lanes, no harness (bench/bare-undici-client.mjs). */
type Tool = 'turncoat' | 'promptfoo' | 'floor';

interface Measure {
  tool: Tool;
  trials: number;
  latencyMs: number;
  concurrency: number;
  wall: number;
  cpu: number;
  rssMb: number;
  /** The process finished its work and wrote its files, then exited non-zero. */
  crashedAtExit?: boolean;
}

const CASES: PeerCase[] = [
  { latencyMs: 0, concurrency: 64 },
  { latencyMs: 200, concurrency: 64 },
  { latencyMs: 2000, concurrency: 512 },
];

/** Runs `node args` under /usr/bin/time; returns wall and CPU seconds and peak RSS in MB. */
function timed(
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
  label: string,
  tolerateExitCrash = false,
) {
  const file = join(cwd, 'time.txt');
  const child = spawnSync(TIME, ['-o', file, '-f', '%e %U %S %M', process.execPath, ...args], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  // promptfoo 0.121 on Node 20 sometimes dies at exit ("write after end" in its logger) after
  // finishing the eval and writing its files: the caller checks the files, not the status.
  if (child.status !== 0 && !tolerateExitCrash)
    throw new Error(
      `${label} exited ${child.status}:\n${child.stderr
        .split('\n')
        .filter((line) => !line.startsWith('    at '))
        .join('\n')
        .slice(0, 3000)}`,
    );
  const [wall, user, sys, rssKb] = readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .pop()!
    .split(' ')
    .map(Number);
  return {
    wall: wall!,
    cpu: user! + sys!,
    rssMb: rssKb! / 1024,
    stdout: child.stdout,
    crashed: child.status !== 0,
  };
}

function turncoatArgs(
  cli: string,
  url: string,
  trials: number,
  concurrency: number,
  out: string,
): string[] {
  return [
    cli,
    'run',
    '--model',
    `openai-compatible:${MODEL}@${url}`,
    '--protocol',
    'text',
    '--condition',
    CONDITION,
    '--samples',
    String(trials),
    '--concurrency',
    String(concurrency),
    '--out',
    out,
    '--json',
  ];
}

/** The chat messages turncoat sends for the condition, so promptfoo sends the same prompt. */
export async function capturePrompt(): Promise<unknown[]> {
  const { startMockOpenAI } = await import('../src/agent/providers/test-support/mock-openai.js');
  const { reply } = await import('../src/agent/providers/test-support/script.js');
  const server = await startMockOpenAI(() => reply.text('ok'));
  const dir = mkdtempSync(join(tmpdir(), 'turncoat-peer-prompt-'));
  try {
    // Asynchronous: the mock answers from this process's event loop.
    const child = spawn(
      process.execPath,
      turncoatArgs(join(root, 'bin', 'turncoat.js'), server.url, 1, 1, dir),
      {
        stdio: 'ignore',
      },
    );
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    if (code !== 0) throw new Error(`turncoat run (prompt capture) exited ${code}`);
    return server.requests[0]!.body['messages'] as unknown[];
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function promptfooConfig(url: string, trials: number, dir: string, prompt: unknown[]): string {
  writeFileSync(join(dir, 'prompt.json'), JSON.stringify(prompt));
  const tests = Array.from({ length: trials }, (_, sample) => ({
    vars: { sample },
    assert: [{ type: 'not-contains', value: '<tool_use:' }],
  }));
  const config = {
    description: 'turncoat peer benchmark',
    prompts: ['file://prompt.json'],
    providers: [{ id: `openai:chat:${MODEL}`, config: { apiBaseUrl: url, apiKey: 'mock' } }],
    tests,
  };
  const file = join(dir, 'promptfooconfig.yaml');
  writeFileSync(file, JSON.stringify(config)); // JSON is YAML
  return file;
}

function runOnce(
  tool: Tool,
  c: PeerCase,
  url: string,
  trials: number,
  promptfoo: { cli: string; prompt: unknown[] },
  turncoatCli = join(root, 'bin', 'turncoat.js'),
): Measure {
  const dir = mkdtempSync(join(tmpdir(), `turncoat-peer-${tool}-`));
  try {
    if (tool === 'floor') {
      const body = join(dir, 'body.json');
      writeFileSync(body, JSON.stringify({ model: MODEL, messages: promptfoo.prompt }));
      const out = join(dir, 'calls.json');
      const client = join(root, 'bench', 'bare-undici-client.mjs');
      const r = timed(
        [client, url, String(c.concurrency), String(trials), body, out],
        process.env,
        dir,
        'bare undici floor',
      );
      const calls = (JSON.parse(readFileSync(out, 'utf8')) as { headers: number[] }).headers;
      if (calls.length !== trials) throw new Error(`floor: ${calls.length} answers of ${trials}`);
      return { tool, trials, ...c, wall: r.wall, cpu: r.cpu, rssMb: r.rssMb };
    }
    if (tool === 'turncoat') {
      const r = timed(
        turncoatArgs(turncoatCli, url, trials, c.concurrency, join(dir, 'out')),
        process.env,
        dir,
        'turncoat run',
      );
      const rows = JSON.parse(r.stdout) as { valid: number; errors: number }[];
      const valid = rows.reduce((n, row) => n + row.valid, 0);
      if (valid !== trials) throw new Error(`turncoat: ${valid} valid trials of ${trials}`);
      return { tool, trials, ...c, wall: r.wall, cpu: r.cpu, rssMb: r.rssMb };
    }
    const config = promptfooConfig(url, trials, dir, promptfoo.prompt);
    const env = {
      ...process.env,
      PROMPTFOO_CONFIG_DIR: join(dir, 'promptfoo-home'),
      PROMPTFOO_DISABLE_TELEMETRY: '1',
      PROMPTFOO_DISABLE_UPDATE: '1',
      PROMPTFOO_DISABLE_TEMPLATING: 'true', // the scenario's emails are data, not templates
      OPENAI_API_KEY: 'mock',
    };
    const args = [promptfoo.cli, 'eval', '-c', config, '--no-cache', '-j', String(c.concurrency)];
    const r = timed(
      [...args, '-o', join(dir, 'results.json'), '--no-table', '--no-progress-bar'],
      env,
      dir,
      'promptfoo eval',
      true,
    );
    const out = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as {
      results: { stats: { successes: number } };
    };
    const passed = out.results.stats.successes;
    if (passed !== trials) throw new Error(`promptfoo: ${passed} passing tests of ${trials}`);
    return {
      tool,
      trials,
      ...c,
      wall: r.wall,
      cpu: r.cpu,
      rssMb: r.rssMb,
      crashedAtExit: r.crashed,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
/** A figure with `d` decimals; '-' when not measured (the peer's columns with --turncoat-only). */
const f = (x: number, d = 1) =>
  Number.isFinite(x)
    ? x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d })
    : '-';

/** Entry point for `--peer promptfoo`. */
export async function printPeerBench(argv: string[]): Promise<void> {
  const peer = argv[argv.indexOf('--peer') + 1];
  if (peer !== 'promptfoo') throw new Error(`--peer ${peer}: the only peer is promptfoo`);
  if (!existsSync(TIME)) throw new Error(`${TIME} not found: apt-get install time`);
  const quick = argv.includes('--quick');
  const option = (name: string, fallback: number) =>
    argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : fallback;
  const trials = option('--trials', quick ? 200 : 2_000);
  const reps = option('--reps', quick ? 1 : 3);
  const latencies = argv.includes('--latency')
    ? [option('--latency', 0)]
    : CASES.map((c) => c.latencyMs);
  const cases = CASES.filter((c) => latencies.includes(c.latencyMs));

  const alone = argv.includes('--turncoat-only');
  const marginal = argv.includes('--marginal') ? 3 * trials : undefined;
  const turncoatCli = argv.includes('--cli') ? argv[argv.indexOf('--cli') + 1] : undefined;
  if (!turncoatCli) ensureBuilt();
  const floor = !argv.includes('--no-floor');
  const cli = alone ? '' : ensurePromptfoo();
  const prompt = alone && !floor ? [] : await capturePrompt();
  const load = loadavg()[0]!;
  const runs: Measure[] = [];
  for (let rep = 0; rep < reps; rep++) {
    for (const c of cases) {
      const server = await startServer(c.latencyMs);
      try {
        const order: Tool[] = alone
          ? ['turncoat']
          : rep % 2
            ? ['promptfoo', 'turncoat']
            : ['turncoat', 'promptfoo'];
        const plan = order.map((tool) => [tool, trials] as const);
        if (marginal) plan.push(['turncoat', marginal]);
        if (floor && c.latencyMs > 0) plan.push(['floor', trials]);
        for (const [tool, n] of plan) {
          const m = runOnce(tool, c, server.url, n, { cli, prompt }, turncoatCli);
          runs.push(m);
          process.stderr.write(
            `  rep ${rep + 1}/${reps} ${c.latencyMs} ms c${c.concurrency} ${tool} ${f(n, 0)} trials: ${f(m.wall, 2)} s wall, ${f(m.cpu, 2)} s CPU, ${f(m.rssMb, 0)} MB${m.crashedAtExit ? ' (exited non-zero after writing its results)' : ''}\n`,
          );
        }
      } finally {
        server.stop();
      }
    }
  }
  printPeerTable(runs, { trials, reps, load, cases });
}

function printPeerTable(
  runs: Measure[],
  o: { trials: number; reps: number; load: number; cases: PeerCase[] },
): void {
  const peer = runs.some((r) => r.tool === 'promptfoo');
  console.log(
    `\npeer benchmark: turncoat${peer ? ` vs promptfoo ${PROMPTFOO_VERSION}` : ' alone'}, ${f(o.trials, 0)} single-turn trials, mock OpenAI-compatible server; whole CLI processes; median of ${o.reps} interleaved runs; ${cpus().length} cores, node ${process.version}, load average ${f(o.load)} -> ${f(loadavg()[0]!)}`,
  );
  console.log(
    '| latency, concurrency | bound | turncoat wall | of bound | promptfoo wall | of bound | wall ratio | CPU ms/trial tc / pf | peak RSS tc / pf |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  const verdicts: string[] = [];
  for (const c of o.cases) {
    const of = (tool: Tool, trials = o.trials) =>
      runs.filter((r) => r.tool === tool && r.latencyMs === c.latencyMs && r.trials === trials);
    const m = (tool: Tool, k: 'wall' | 'cpu' | 'rssMb') =>
      of(tool).length > 0 ? median(of(tool).map((r) => r[k])) : NaN;
    const bound = (o.trials * c.latencyMs) / 1000 / c.concurrency;
    const share = (wall: number) =>
      bound > 0 && Number.isFinite(wall) ? `${f((100 * bound) / wall, 0)}%` : '-';
    const [tw, pw, fw] = [m('turncoat', 'wall'), m('promptfoo', 'wall'), m('floor', 'wall')];
    const [tc, pc] = [
      (m('turncoat', 'cpu') * 1000) / o.trials,
      (m('promptfoo', 'cpu') * 1000) / o.trials,
    ];
    console.log(
      `| ${c.latencyMs} ms, ${c.concurrency} | ${f(bound, 2)} s | ${f(tw, 2)} s | ${share(tw)} | ${f(pw, 2)} s | ${share(pw)} | ${peer ? `${f(pw / tw, 1)}x` : '-'} | ${f(tc, 2)} / ${f(pc, 2)} | ${f(m('turncoat', 'rssMb'), 0)} / ${f(m('promptfoo', 'rssMb'), 0)} MB |`,
    );
    const met = (ok: boolean) => (ok ? 'met' : 'MISSED');
    if (c.latencyMs === 0) {
      if (peer)
        verdicts.push(
          `${met(pw / tw >= 5)}: turncoat >= 5x faster than promptfoo at 0 ms (${f(pw / tw, 1)}x)`,
        );
      verdicts.push(
        `${met(tc <= 1)}: <= 1 ms harness CPU per trial at 0 ms (${f(tc, 2)} ms, whole process incl. start-up)`,
      );
    } else {
      verdicts.push(
        `${met(bound / tw >= 0.9)}: >= 90% of the bound at ${c.latencyMs} ms, c${c.concurrency} (${share(tw)}${Number.isFinite(fw) ? `; the bare-undici floor, no harness: ${f(fw, 2)} s, ${share(fw)}` : ''})`,
      );
    }
  }
  console.log(`\ntargets (whole process, medians):\n${verdicts.map((v) => `  ${v}`).join('\n')}`);
  const slopes = o.cases.flatMap((c) => {
    const at = (n: number) =>
      runs.filter((r) => r.tool === 'turncoat' && r.latencyMs === c.latencyMs && r.trials === n);
    const big = runs.find((r) => r.latencyMs === c.latencyMs && r.trials > o.trials)?.trials;
    if (big === undefined) return [];
    const [small, large] = [at(o.trials), at(big)].map((rs) => median(rs.map((r) => r.cpu)));
    const slope = ((large! - small!) * 1000) / (big - o.trials);
    return [
      `  ${c.latencyMs} ms, c${c.concurrency}: ${f(slope, 2)} ms per extra trial (median CPU ${f(small!, 2)} s at ${f(o.trials, 0)} trials, ${f(large!, 2)} s at ${f(big, 0)}); whole process ${f((small! * 1000) / o.trials, 2)} ms per trial`,
    ];
  });
  if (slopes.length > 0)
    console.log(
      `\nmarginal CPU per trial, turncoat (the slope between two run sizes: start-up, module loading, the report and exit cancel out; not the whole-process figure above):\n${slopes.join('\n')}`,
    );
}
