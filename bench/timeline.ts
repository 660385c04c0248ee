/**
 * `npm run bench -- --timeline`: where the wall time of one whole `turncoat run` goes, against
 * the mock server, at 200 ms / c64 and 2 s / c512 (the peer bench's bounded cases). The mock
 * server records each call's arrival and answer; a preloaded probe (bench/timeline-probe.mjs)
 * samples the run's main thread. Prints the phases (spawn, first request out, all lanes busy,
 * first lane idle at the end, last answer, exit) and, per slice of the run, the calls in
 * flight (mean, min), the main thread's event-loop utilisation and its longest stall.
 *
 *   npm run bench -- --timeline                      # both cases, 2,000 trials
 *   npm run bench -- --timeline --latency 200        # one case
 *   npm run bench -- --timeline --trials 4000
 *   npm run bench -- --timeline --cli /elsewhere/bin/turncoat.js   # another build, to compare
 *   npm run bench -- --timeline --no-floor           # without the bare undici floor
 *
 * After each run, the same calls (the run's first request body, the same lanes) go out from
 * bare undici lanes in a process of their own (bench/bare-undici-client.mjs) against a fresh
 * server: the floor this machine reaches with no harness, so the harness's share of the gap
 * to the bound is the difference. Both print how late the server itself answered.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from './ensure-built.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const CASES = [
  { latencyMs: 200, concurrency: 64 },
  { latencyMs: 2000, concurrency: 512 },
];

interface ProbeWindow {
  at: number;
  elu: number;
  stallMs: number;
  cpuMs: number;
}

export interface Timeline {
  latencyMs: number;
  concurrency: number;
  trials: number;
  /** Epoch ms. */
  spawned: number;
  exited: number;
  probe: {
    origin: number;
    loaded: number;
    exit: number;
    /** CPU of the whole process (every thread) at exit. */
    cpuMs: number;
    /** The same when the first model call was created. */
    firstCallCpuMs?: number;
    windows: ProbeWindow[];
    /** Calls that failed before an answer, by error code or message. */
    errors: Record<string, number>;
    /** When each of those failed (it is no longer in flight). */
    failed: number[];
    /** Each model call's start (undici request created) and its answer's headers, epoch ms. */
    created: number[];
    headers: number[];
    /** When each call's body was handed to its socket; connections opened. */
    bodySent?: number[];
    /** Per call, ms from created to its body handed to the socket. */
    queued?: number[];
    connections?: number;
  };
  /** The server's side: each call's body read and its answer sent (epoch ms, paired by index). */
  calls: { arrived: number[]; answered: number[]; firstBody?: string };
}

async function startTimedServer(latencyMs: number, file: string) {
  const script = fileURLToPath(new URL('./mock-server-process.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, String(latencyMs)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, TURNCOAT_MOCK_TIMELINE: file },
  });
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`mock server exited (${code})`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = () => {
    child.kill('SIGTERM');
    return exited;
  };
  return { url, stop };
}

/** One whole `turncoat run` against a timed mock server. */
export async function recordTimeline(
  latencyMs: number,
  concurrency: number,
  trials: number,
  cli = join(root, 'bin', 'turncoat.js'),
): Promise<Timeline> {
  const dir = mkdtempSync(join(tmpdir(), 'turncoat-timeline-'));
  const server = await startTimedServer(latencyMs, join(dir, 'calls.json'));
  try {
    const probe = join(root, 'bench', 'timeline-probe.mjs');
    const args = [
      '--import',
      probe,
      cli,
      'run',
      '--model',
      `openai-compatible:bench-model@${server.url}`,
      '--protocol',
      'text',
      '--condition',
      'blackmail_explicit-america_replacement',
      '--samples',
      String(trials),
      '--concurrency',
      String(concurrency),
      '--out',
      join(dir, 'out'),
      '--json',
    ];
    const spawned = Date.now();
    const child = spawn(process.execPath, args, {
      stdio: ['ignore', 'ignore', 'ignore'],
      env: { ...process.env, TURNCOAT_TIMELINE: join(dir, 'probe.json') },
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    const exited = Date.now();
    if (code !== 0) throw new Error(`turncoat run exited ${code}`);
    await server.stop();
    return {
      latencyMs,
      concurrency,
      trials,
      spawned,
      exited,
      probe: JSON.parse(readFileSync(join(dir, 'probe.json'), 'utf8')) as Timeline['probe'],
      calls: JSON.parse(readFileSync(join(dir, 'calls.json'), 'utf8')) as Timeline['calls'],
    };
  } finally {
    await server.stop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** The same calls from bare undici lanes (bench/bare-undici-client.mjs): this machine's floor. */
export interface BareFloor {
  latencyMs: number;
  concurrency: number;
  calls: number;
  spawned: number;
  exited: number;
  client: { created: number[]; headers: number[] };
  server: Timeline['calls'];
}

/** Runs `calls` calls with `body` from `concurrency` bare undici lanes, a whole process. */
export async function recordBareFloor(
  latencyMs: number,
  concurrency: number,
  calls: number,
  body: string,
): Promise<BareFloor> {
  const dir = mkdtempSync(join(tmpdir(), 'turncoat-floor-'));
  const server = await startTimedServer(latencyMs, join(dir, 'calls.json'));
  try {
    writeFileSync(join(dir, 'body.json'), body);
    const client = join(root, 'bench', 'bare-undici-client.mjs');
    const spawned = Date.now();
    const child = spawn(
      process.execPath,
      [
        client,
        server.url,
        String(concurrency),
        String(calls),
        join(dir, 'body.json'),
        join(dir, 'client.json'),
      ],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    const exited = Date.now();
    if (code !== 0) throw new Error(`bare undici client exited ${code}`);
    await server.stop();
    return {
      latencyMs,
      concurrency,
      calls,
      spawned,
      exited,
      client: JSON.parse(readFileSync(join(dir, 'client.json'), 'utf8')) as BareFloor['client'],
      server: JSON.parse(readFileSync(join(dir, 'calls.json'), 'utf8')) as Timeline['calls'],
    };
  } finally {
    await server.stop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
}

const quantiles = (values: number[], ps = [0.5, 0.99, 1]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return ps.map((p) => sorted[Math.floor(p * (sorted.length - 1))] ?? NaN);
};
const ms = (values: number[]) =>
  quantiles(values)
    .map((x) => x.toFixed(0))
    .join(' / ');

/**
 * How late the server answered and how long calls spent on the way, as one line: the
 * server's own lateness (answer sent - body read - latency, per call), and (the k-th call
 * created matched with the k-th body read, the k-th answer sent with the k-th answer's
 * headers: an approximation, calls do not carry ids across) the trip there and back.
 */
export function describeServer(
  latencyMs: number,
  created: number[],
  headers: number[],
  server: Timeline['calls'],
): string {
  const late = server.answered.map((a, i) => a - server.arrived[i]! - latencyMs);
  const byTime = (xs: number[]) => [...xs].sort((a, b) => a - b);
  const [c, a, n, h] = [created, server.arrived, server.answered, headers].map(byTime);
  const there = c!.map((x, i) => a![i]! - x);
  const back = n!.map((x, i) => h![i]! - x);
  return `  server answered late by ${ms(late)} ms (p50 / p99 / max); call created -> body read by the server ${ms(there)} ms; answer sent -> headers read by the client ${ms(back)} ms`;
}

/** The bare floor's lines: what this machine reaches with no harness at all. */
export function describeBareFloor(f: BareFloor): string[] {
  const first = Math.min(...f.client.created);
  const last = Math.max(...f.client.headers);
  const bound = (f.calls * f.latencyMs) / f.concurrency;
  const floor = Math.ceil(f.calls / f.concurrency) * f.latencyMs;
  return [
    `  bare undici floor (no harness: ${f.concurrency} lanes x ${f.calls} calls, the run's request body, a fresh server): wall ${s(f.exited - f.spawned)} (${((100 * bound) / (f.exited - f.spawned)).toFixed(0)}% of the bound); first call ${s(first - f.spawned)}; first call -> last answer ${s(last - first)} (rounds floor ${s(floor)}); exit ${s(f.exited - last)} after the last answer`,
    describeServer(f.latencyMs, f.client.created, f.client.headers, f.server),
  ];
}

type Steps = (readonly [number, 1 | -1])[];

/** Starts and ends as a step function of the count in flight, in time order. */
function stepsOf(starts: number[], ends: number[]): Steps {
  return [...starts.map((x) => [x, 1] as const), ...ends.map((x) => [x, -1] as const)].sort(
    (a, b) => a[0] - b[0] || a[1] - b[1],
  );
}

/** Mean and minimum of the count in flight over [a, b]. */
function levelOver(steps: Steps, a: number, b: number): { mean: number; min: number } {
  let level = 0;
  let area = 0;
  let min = Infinity;
  let prev = a;
  for (const [x, d] of steps) {
    if (x <= a) {
      level += d;
      continue;
    }
    if (x > b) break;
    area += level * (x - prev);
    min = Math.min(min, level);
    prev = x;
    level += d;
  }
  area += level * (b - prev);
  return { mean: area / (b - a), min: Math.min(min, level) };
}

/** The phases and per-slice figures of a timeline, as lines of text. */
export function describeTimeline(t: Timeline, slices = 10): string[] {
  const at = (epoch: number) => epoch - t.spawned;
  const { arrived, answered } = t.calls;
  const first = Math.min(...t.probe.created);
  const last = Math.max(...t.probe.headers);
  const client = stepsOf(t.probe.created, [...t.probe.headers, ...(t.probe.failed ?? [])]);
  const server = stepsOf(arrived, answered);
  let inFlight = 0;
  let full: number | undefined;
  let lastFull = first;
  for (const [x, d] of client) {
    inFlight += d;
    if (inFlight >= t.concurrency) {
      full ??= x;
      lastFull = x;
    }
  }
  const bound = (t.trials * t.latencyMs) / t.concurrency;
  const lines = [
    `${t.latencyMs} ms, c${t.concurrency}, ${t.trials} trials: wall ${s(at(t.exited))}, bound ${s(bound)} (${((100 * bound) / at(t.exited)).toFixed(0)}%); CPU ${(t.probe.cpuMs / t.trials).toFixed(2)} ms per trial; calls ${t.probe.created.length} sent, ${arrived.length} arrived`,
    `  process start ${s(at(t.probe.origin))}, first call ${s(at(first))}, all lanes calling ${full === undefined ? 'never' : s(at(full))}, last time all calling ${s(at(lastFull))}, last answer ${s(at(last))}, exit ${s(at(t.exited))}`,
    `  first call -> last answer ${s(last - first)} (${((100 * bound) / (last - first)).toFixed(0)}% of the bound); mean calls in flight over it ${levelOver(client, first, last).mean.toFixed(1)} of ${t.concurrency}`,
    '  slice (from spawn)   calls in flight: client mean/min  server mean   main thread busy  longest stall  process CPU',
  ];
  const width = (last - first) / slices;
  for (let i = 0; i < slices; i++) {
    const a = first + i * width;
    const b = a + width;
    const c = levelOver(client, a, b);
    const w = t.probe.windows.filter((p) => p.at > a && p.at <= b);
    const elu = w.reduce((n, p) => n + p.elu, 0) / Math.max(1, w.length);
    const stall = Math.max(0, ...w.map((p) => p.stallMs));
    const cpu = w.reduce((n, p) => n + p.cpuMs, 0);
    lines.push(
      `  ${s(at(a)).padStart(7)} - ${s(at(b)).padEnd(9)}  ${c.mean.toFixed(1).padStart(6)} / ${String(c.min).padEnd(6)}          ${levelOver(server, a, b).mean.toFixed(1).padStart(6)}      ${(100 * elu).toFixed(0).padStart(3)}%          ${stall.toFixed(0).padStart(4)} ms      ${(cpu / 1000).toFixed(2)} s`,
    );
  }
  const failed = Object.entries(t.probe.errors ?? {});
  if (failed.length > 0)
    lines.push(
      `  calls failed before an answer: ${failed.map(([m, n]) => `${n} ${m}`).join(', ')}`,
    );
  if (t.calls.answered.length === arrived.length)
    lines.push(describeServer(t.latencyMs, t.probe.created, t.probe.headers, t.calls));
  if (t.probe.bodySent?.length === t.probe.created.length) {
    const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
    const [b, a] = [t.probe.bodySent, arrived].map(sorted);
    lines.push(
      `  call created -> body written to its socket ${ms(t.probe.queued ?? [])} ms; written -> read by the server ${ms(a!.map((x, i) => x - b![i]!))} ms; ${t.probe.connections} connections opened`,
    );
  }
  const after = t.probe.windows.filter((p) => p.at > last);
  lines.push(
    `  after the last answer: ${s(t.exited - last)}, process CPU ${(after.reduce((n, p) => n + p.cpuMs, 0) / 1000).toFixed(2)} s; before the first call: ${s(first - t.spawned)}${t.probe.firstCallCpuMs === undefined ? '' : ` (process CPU ${s(t.probe.firstCallCpuMs)})`}`,
  );
  return lines;
}

/**
 * What node alone takes to start and exit on this machine, in this environment (an empty
 * CommonJS file): part of every "first call" and out of turncoat's hands (for example,
 * `NODE_EXTRA_CA_CERTS` makes every node start read that certificate file first).
 */
function nodeFloorMs(): number {
  const dir = mkdtempSync(join(tmpdir(), 'turncoat-floor-'));
  try {
    const empty = join(dir, 'empty.cjs');
    writeFileSync(empty, '');
    return Math.min(
      ...[0, 1, 2].map(() => {
        const started = performance.now();
        spawnSync(process.execPath, [empty]);
        return performance.now() - started;
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Entry point for `--timeline`. */
export async function printTimelines(argv: string[]): Promise<void> {
  const option = (name: string) =>
    argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : undefined;
  const trials = option('--trials') ?? 2000;
  const latency = option('--latency');
  const cli = argv.includes('--cli') ? argv[argv.indexOf('--cli') + 1] : undefined;
  const bare = !argv.includes('--no-floor');
  if (!cli) ensureBuilt();
  console.log(
    `node's own start and exit here (an empty file, the fastest of 3; the floor under "first call"): ${nodeFloorMs().toFixed(0)} ms`,
  );
  for (const c of CASES.filter((c) => latency === undefined || c.latencyMs === latency)) {
    const load = loadavg()[0]!.toFixed(1);
    const t = await recordTimeline(c.latencyMs, c.concurrency, trials, cli);
    const floor = bare
      ? describeBareFloor(
          await recordBareFloor(c.latencyMs, c.concurrency, trials, t.calls.firstBody ?? '{}'),
        )
      : [];
    console.log(
      [
        ...describeTimeline(t),
        ...floor,
        `  load average ${load} -> ${loadavg()[0]!.toFixed(1)}`,
      ].join('\n'),
    );
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await printTimelines(process.argv.slice(2));
