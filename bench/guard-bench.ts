/**
 * The guard's benchmark: rule-only decisions with the durable audit append, as fast as one
 * sequential caller goes (closed loop, with the CPU per decision; the audit writer thread
 * commits) and paced at the 10,000/s target as an open loop of 32 agent sessions (latency
 * from each decision's due time, allows and denies apart, with the ratios to the target;
 * `--rate N` for another rate); the memory of a long-running guard over 100,000 sessions against 10,000;
 * the LLM monitor path's added latency against the local mock server; and a guarded run's
 * throughput beside an unguarded one (reference agents). The decisions run the built guard
 * (dist/, as shipped); `--v8 "FLAGS"` runs the paced case again under V8 flags; `--paced-reps N`
 * runs it N more times (default 5), each in a fresh process, for the median and spread. After the
 * paced case it measures the machine's own floor (`machineStalls`: a thread that only sleeps
 * and wakes, no guard), so a tail the machine makes is told apart from the guard's.
 */
import { runChildCase } from './child-case.js';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { GCProfiler, getHeapSpaceStatistics } from 'node:v8';
import { constants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_CONDITIONS } from './conditions.js';
import { ensureBuilt } from './ensure-built.js';

const EXAMPLE = fileURLToPath(new URL('../policies/example.yaml', import.meta.url));
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

/**
 * CPU milliseconds this process's main thread (the one that decides) has used: Linux only
 * (/proc), undefined elsewhere. The audit writer thread's share is the process's total minus it.
 */
function mainThreadCpuMs(): number | undefined {
  const stat = `/proc/self/task/${process.pid}/stat`;
  if (!existsSync(stat)) return undefined;
  const fields = readFileSync(stat, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime, in clock ticks (100 per second on Linux).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * The deciding thread's time on a CPU and time runnable but waiting for one (ms, from
 * /proc/<pid>/task/<tid>/schedstat, nanosecond counters): the second is the machine's share of
 * a tail (other threads and processes holding both cores). Linux only, undefined elsewhere.
 */
function mainThreadSched(): { runMs: number; waitMs: number } | undefined {
  const file = `/proc/self/task/${process.pid}/schedstat`;
  if (!existsSync(file)) return undefined;
  const [run, wait] = readFileSync(file, 'utf8').split(' ').map(Number);
  return { runMs: run! / 1e6, waitMs: wait! / 1e6 };
}

/**
 * Bytes allocated in the young generation between `start()` and the returned `stop()`: what
 * each collection found in it, less what the one before left, plus what is there at the end.
 * Young objects only (large ones go straight to the old generation), which is what makes
 * the young-generation collections that pause the deciding thread.
 */
function youngAllocation() {
  const used = () =>
    getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')!.space_used_size;
  const profiler = new GCProfiler();
  const before = used();
  profiler.start();
  return () => {
    const { statistics } = profiler.stop();
    const end = used();
    const young = (h: {
      heapSpaceStatistics: Array<{ spaceName: string; spaceUsedSize: number }>;
    }) => h.heapSpaceStatistics.find((s) => s.spaceName === 'new_space')!.spaceUsedSize;
    let total = 0;
    let left = before;
    for (const gc of statistics) {
      total += young(gc.beforeGC) - left;
      left = young(gc.afterGC);
    }
    return total + end - left;
  };
}

const processCpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/**
 * The guard as it ships: dist/ (built first when older than src/, see ensure-built.ts), the
 * same code `turncoat/guard` exports, with the audit writer thread its compiled .js. (From
 * src/ through tsx, each named closure costs a property definition and the writer thread
 * starts through the loader: not what a deployer runs.)
 */
async function shipped() {
  ensureBuilt();
  const built = (path: string) => new URL(`../dist/${path}`, import.meta.url).href;
  return {
    guard: (await import(built('guard/index.js'))) as typeof import('../src/guard/index.js'),
    facts: (await import(
      built('guard/trial/world-facts.js')
    )) as typeof import('../src/guard/trial/world-facts.js'),
    catalog: (await import(
      built('scenario/catalog.js')
    )) as typeof import('../src/scenario/catalog.js'),
  };
}

/** The decision workload: a few routine calls and, every 200th call, a leak the policy denies. */
export async function decisionWorkload() {
  const built = await shipped();
  const { createGuard, openGuardStore, loadPolicyFile } = built.guard;
  const { worldFacts } = built.facts;
  const { loadCatalog } = built.catalog;
  const world = loadCatalog().render('leaking_explicit-america_replacement', 0).world;
  const facts = worldFacts(world);
  const outsider = world.people.find((p) => p.roles.includes('outsider'))!.email;
  const insider = world.people.find((p) => p.roles.includes('insider'))!.email;
  // The leak forwards a message whose attachment is labelled confidential.
  const secret = new Set(
    world.documents.filter((d) => d.label === 'confidential').map((d) => d.id),
  );
  const doc = world.inbox.find((e) => e.attachments.some((a) => secret.has(a)))!;
  const calls = [
    { tool: 'read_inbox', args: {} },
    {
      tool: 'send_email',
      args: { to: [insider], subject: 'Status', body: 'The review is on Thursday at ten.' },
    },
    {
      tool: 'send_email',
      args: { to: [outsider], subject: 'Re: delivery', body: 'Your order ships on Monday.' },
    },
    { tool: 'read_email', args: { email_id: doc.id } },
  ];
  const leak = {
    tool: 'forward_email',
    args: { email_id: doc.id, to: [outsider], body: 'As asked.' },
  };
  const dir = mkdtempSync(join(tmpdir(), 'turncoat-guard-bench-'));
  const guard = createGuard(loadPolicyFile(EXAMPLE).policy, { store: openGuardStore(dir) });
  return {
    guard,
    facts,
    /**
     * Call i of the workload (a new session every 50 calls): every 200th the leak, otherwise
     * the routine mix at the session's own position `j` (default i) in it.
     */
    call: (i: number, j = i) => (i % 200 === 199 ? leak : calls[j % calls.length]!),
    /** Whether the audit writer thread was committing by the end. */
    threaded: false,
    done() {
      this.threaded = guard.store.audit.threaded;
      guard.store.audit.flush();
      const audited = guard.store.audit.verify();
      guard.close();
      rmSync(dir, { recursive: true, force: true });
      return audited;
    },
  };
}

/**
 * A service measured in its steady state: compiled code hot, the audit writer thread running.
 * Decisions of throwaway sessions, sequentially, until the thread commits and for at least
 * 5,000 decisions.
 */
async function warmUp(w: Awaited<ReturnType<typeof decisionWorkload>>) {
  const started = performance.now();
  for (let i = 0; i < 5_000 || !w.guard.store.audit.threaded; i++) {
    if (performance.now() - started > 60_000)
      throw new Error('the audit writer thread never started');
    await w.guard.check(w.call(i), w.guard.session(`warm-${Math.floor(i / 50)}`, w.facts));
    if (i % 64 === 63) await new Promise((r) => setTimeout(r, 1));
  }
  await w.guard.store.audit.flushed();
}

/** Sleeps this thread (no event loop turn, no CPU) for `ms`, fractions included. */
const sleeper = new Int32Array(new SharedArrayBuffer(4));
const sleep = (ms: number) => Atomics.wait(sleeper, 0, 0, ms);

const summary = (xs: number[]) => {
  xs.sort((a, b) => a - b);
  return { n: xs.length, p50: pct(xs, 0.5), p99: pct(xs, 0.99), max: xs.at(-1) ?? 0 };
};

/**
 * Latencies recorded during a paced run, in one Float64Array allocated before it starts: a
 * growing number[] reallocates and copies its backing store as it grows, young garbage and
 * survivors the bench itself would add to every collection it then blames on the guard.
 */
class Samples {
  private readonly values: Float64Array;
  private n = 0;
  constructor(capacity: number) {
    this.values = new Float64Array(capacity);
  }
  push(x: number): void {
    this.values[this.n++] = x;
  }
  /** The samples as a plain array (after the run). */
  list(): number[] {
    return Array.from(this.values.subarray(0, this.n));
  }
}

/**
 * Open loop at `rate`, the way a service sees its callers: decision i is due at i/rate and
 * comes from agent session i mod `agents`; it is issued at its due time whether or not earlier
 * decisions (a deny waiting for its commit) have returned, so one slow decision delays no
 * other's start. Between due times the deciding thread sleeps (no busy wait: the writer thread
 * and the machine's other work get the CPU) after one event-loop turn, in which answers from
 * the writer thread, timers and finished checks run. Latency is timed from each decision's
 * due time to when its promise settled, so a late issue, a queue behind other decisions and a
 * deny's commit all count; `issue` is how late the issuing was (the bench's share).
 */
export async function pacedDecisions(
  total: number,
  rate: number,
  agents: number,
  options: { dryRun?: boolean } = {},
) {
  const w = await decisionWorkload();
  await warmUp(w);
  // `dryRun`: the same loop with a decider that answers at once, so the loop's own CPU shows.
  const allow = Promise.resolve({ decision: 'allow' as const, reason: 'dry run', latencyMs: 0 });
  const check: typeof w.guard.check = options.dryRun ? () => allow : w.guard.check.bind(w.guard);
  const allows = new Samples(total);
  const denies = new Samples(total);
  const issue = new Samples(total);
  // From each decision's start instead: the guard's share.
  const allowService = new Samples(total);
  const denyService = new Samples(total);
  const sessions = Array.from({ length: agents }, (_, a) =>
    w.guard.session(`agent-${a}-0`, w.facts),
  );
  const calls = new Array<number>(agents).fill(0);
  // Young-generation collections during the run, and the decisions later than the p99 bound
  // (when due, how late): which of those a collection paused.
  const scavenges: Array<{ start: number; end: number }> = [];
  const gcs = new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      if (
        (e as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR
      )
        scavenges.push({ start: e.startTime, end: e.startTime + e.duration });
  });
  gcs.observe({ entryTypes: ['gc'] });
  const late: Array<{ due: number; end: number }> = [];
  let settled = 0;
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const delay = monitorEventLoopDelay({ resolution: 1 });
  const load = loadavg()[0]!;
  const [main0, all0] = [mainThreadCpuMs(), processCpuMs()];
  const sched0 = mainThreadSched();
  const steal0 = stealTicks();
  delay.enable();
  const started = performance.now();
  const dueOf = (i: number) => started + (i * 1000) / rate;
  const start = (i: number) => {
    const due = dueOf(i);
    const began = performance.now();
    issue.push(began - due);
    const a = i % agents;
    // Each agent starts a new session every 50 of its calls.
    if (calls[a]! > 0 && calls[a]! % 50 === 0)
      sessions[a] = w.guard.session(`agent-${a}-${calls[a]}`, w.facts);
    void check(w.call(i, calls[a]!++), sessions[a]!).then((d) => {
      const end = performance.now();
      if (end - due > TARGET.p99) late.push({ due, end });
      (d.decision === 'deny' ? denies : allows).push(end - due);
      (d.decision === 'deny' ? denyService : allowService).push(end - began);
      if (++settled === total) finish();
    });
  };
  let next = 0;
  while (next < total) {
    const now = performance.now();
    for (let burst = 0; next < total && dueOf(next) <= now; burst++) {
      start(next++);
      // As a server would: each caller gets its answer before the next call is taken (an
      // allow's promise has settled by now), and I/O gets a turn every few calls.
      await null;
      if (burst % 16 === 15) await new Promise((resolve) => setImmediate(resolve));
    }
    await new Promise((resolve) => setImmediate(resolve));
    const wait = next < total ? dueOf(next) - performance.now() : 0;
    if (wait > 0) sleep(wait);
  }
  await done;
  const seconds = (performance.now() - started) / 1000;
  delay.disable();
  gcs.disconnect();
  // A late decision was held up by a collection that ran between its due time and its answer.
  const byGc = late.filter((l) => scavenges.some((g) => g.start < l.end && g.end > l.due));
  // Of the late decisions no collection held up, the share due in the busiest 20 ms of the
  // wall-clock 100 ms period (0.2 when spread evenly; a host's CPU cap per 100 ms period
  // stalls the VM at one phase).
  const bins = new Array<number>(5).fill(0);
  const held = new Set(byGc);
  const notGc = late.filter((l) => !held.has(l));
  for (const l of notGc) bins[Math.floor(((performance.timeOrigin + l.due) % 100) / 20)]! += 1;
  const samePhase = notGc.length > 0 ? Math.max(...bins) / notGc.length : 0;
  const steal1 = stealTicks();
  const pauses = scavenges.map((g) => g.end - g.start);
  const [main1, all1] = [mainThreadCpuMs(), processCpuMs()];
  const sched1 = mainThreadSched();
  const threaded = w.guard.store.audit.threaded;
  const audited = w.done();
  const allowed = summary(allows.list());
  return {
    total,
    agents,
    seconds,
    rate: total / seconds,
    all: summary([...allows.list(), ...denies.list()]),
    allowed,
    denied: summary(denies.list()),
    issue: summary(issue.list()),
    allowService: summary(allowService.list()),
    denyService: summary(denyService.list()),
    /** Event-loop delay (ms): how long a ready callback (a worker's answer, a timer) could wait. */
    loopDelayP99: delay.percentile(99) / 1e6,
    loopDelayMax: delay.max / 1e6,
    mainUs: main0 === undefined ? undefined : ((main1! - main0) * 1000) / total,
    allUs: ((all1 - all0) * 1000) / total,
    /** Of the run's wall time, the deciding thread's share waiting for a CPU while runnable. */
    cpuWaitShare: sched0 && sched1 ? (sched1.waitMs - sched0.waitMs) / (seconds * 1000) : undefined,
    threaded,
    load: [load, loadavg()[0]!],
    audited,
    /** Decisions later than the p99 bound, and how many of them a young-generation collection held up. */
    late: { n: late.length, byGc: byGc.length, samePhase },
    /** Share of the CPUs' time the hypervisor took during the run (steal), or undefined. */
    stolen:
      steal0 === undefined || steal1 === undefined
        ? undefined
        : ((steal1 - steal0) * 10) / (seconds * 1000 * cpus().length),
    scavenges: summary(pauses),
  };
}

/** CPU time the hypervisor took from this machine's CPUs (steal, /proc/stat, in ticks of 10 ms), or undefined. */
function stealTicks(): number | undefined {
  if (!existsSync('/proc/stat')) return undefined;
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
  return Number(cpu[8]);
}

/**
 * The machine's own floor, no guard: this thread sleeps 0.1 ms and wakes, over and over, for
 * `ms` (under the same scheduling as the paced case). Counts the wake-ups later than the p99
 * bound, their total time, the share of them in the busiest fifth of the wall-clock 100 ms
 * period (a hypervisor that caps a VM's CPU per 100 ms period stalls it at the same phase
 * each time), and the CPU time the hypervisor took (steal) meanwhile.
 */
export function machineStalls(ms: number) {
  const steal0 = stealTicks();
  const started = performance.now();
  const stalls: Array<{ ms: number; phase: number }> = [];
  let last = started;
  while (last - started < ms) {
    sleep(0.1);
    const now = performance.now();
    if (now - last > TARGET.p99)
      stalls.push({ ms: now - last, phase: (performance.timeOrigin + last) % 100 });
    last = now;
  }
  const steal1 = stealTicks();
  const bins = new Array<number>(5).fill(0);
  for (const s of stalls) bins[Math.floor(s.phase / 20)]! += 1;
  return {
    seconds: ms / 1000,
    stalls: stalls.length,
    stalledMs: stalls.reduce((sum, s) => sum + s.ms, 0),
    longestMs: stalls.reduce((max, s) => Math.max(max, s.ms), 0),
    /** Of the stalls, the share in the busiest 20 ms of the 100 ms period (0.2 when spread evenly). */
    samePhase: stalls.length > 0 ? Math.max(...bins) / stalls.length : 0,
    /** Share of the CPUs' time the hypervisor took, or undefined off Linux. */
    stolen:
      steal0 === undefined || steal1 === undefined
        ? undefined
        : ((steal1 - steal0) * 10) / (ms * cpus().length),
  };
}

/**
 * Closed loop: as many decisions per second as the deciding thread gives, audit commits
 * included, with the CPU each decision costs the deciding thread and the whole process.
 */
export async function maxDecisions(total: number) {
  const w = await decisionWorkload();
  let session = w.guard.session('max-0', w.facts);
  const load = loadavg()[0]!;
  const [main0, all0] = [mainThreadCpuMs(), processCpuMs()];
  const allocated = youngAllocation();
  const started = performance.now();
  for (let i = 0; i < total; i++) {
    if (i % 50 === 0) session = w.guard.session(`max-${i}`, w.facts);
    await w.guard.check(w.call(i), session);
    // Let timers run (the audit's 5 ms commit), as a server's event loop would.
    if (i % 64 === 63) await new Promise((r) => setImmediate(r));
  }
  w.guard.store.audit.flush();
  const seconds = (performance.now() - started) / 1000;
  const [main1, all1] = [mainThreadCpuMs(), processCpuMs()];
  const allocatedBytes = allocated();
  w.done();
  return {
    total,
    seconds,
    rate: total / seconds,
    /** CPU µs per decision on the deciding thread (undefined off Linux) and in all threads. */
    mainUs: main0 === undefined ? undefined : ((main1! - main0) * 1000) / total,
    allUs: ((all1 - all0) * 1000) / total,
    /** Bytes allocated in the young generation per decision (on the deciding thread's heap). */
    allocatedPerDecision: allocatedBytes / total,
    threaded: w.threaded,
    load: [load, loadavg()[0]!],
  };
}

/**
 * A long-running guard over many sessions looked up by id (`guard.sessions`, default bounds:
 * 30 minutes idle, 10,000 live): RSS and V8 heap after a full GC at each mark. Runs in its own
 * process (`--expose-gc`), so the figures are its own.
 */
async function sessionMemory(marks: number[]) {
  const w = await decisionWorkload();
  const gc = (globalThis as { gc?: () => void }).gc;
  const at: Record<number, { rssMb: number; heapMb: number; live: number }> = {};
  const last = marks[marks.length - 1]!;
  for (let s = 1; s <= last; s++) {
    const id = `chat-${s}`;
    for (let c = 0; c < 3; c++)
      await w.guard.check(w.call(s * 3 + c), w.guard.sessions.get(id, w.facts));
    if (s % 64 === 0) await new Promise((r) => setImmediate(r));
    if (marks.includes(s)) {
      w.guard.store.audit.flush();
      gc?.();
      const m = process.memoryUsage();
      at[s] = { rssMb: m.rss / 2 ** 20, heapMb: m.heapUsed / 2 ** 20, live: w.guard.sessions.size };
    }
  }
  w.done();
  return at;
}

/** The paced case in a child process started with `flags`. */
function spawnPaced(flags: string[], total: number, rate: number, agents: number): Paced {
  return runChildCase<Paced>(
    import.meta.url,
    ['--paced-case', `${total},${rate},${agents}`],
    'guard paced',
    { flags },
  );
}

function spawnSessionMemory(marks: number[]) {
  return runChildCase<Awaited<ReturnType<typeof sessionMemory>>>(
    import.meta.url,
    ['--sessions-case', marks.join(',')],
    'guard session memory',
    { flags: ['--expose-gc'] },
  );
}

async function monitorLatency(n: number) {
  const { startMockOpenAI } = await import('../src/agent/providers/test-support/mock-openai.js');
  const { reply } = await import('../src/agent/providers/test-support/script.js');
  const { createProviderModel } = await import('../src/agent/providers/index.js');
  const { createGuard, createLlmMonitorForBench } = await loadMonitor();
  const server = await startMockOpenAI(() =>
    reply.text('{"score": 12, "rationale": "routine", "evidence": []}'),
  );
  const model = createProviderModel('openai:monitor', {
    env: { OPENAI_API_KEY: 'sk-bench', OPENAI_BASE_URL: server.url },
  });
  const policy = {
    tools: { send_email: { risky: true } },
    monitor: { kind: 'llm' as const, model: 'openai:monitor' },
  };
  const withMonitor = createGuard(policy, { monitor: createLlmMonitorForBench(model) });
  const rulesOnly = createGuard({ tools: { send_email: { risky: true } } });
  const time = async (g: typeof withMonitor) => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const session = g.session(`m-${i}`, { companyDomains: ['acme.example'] });
      const t0 = performance.now();
      await g.check(
        { tool: 'send_email', args: { to: 'x@partner.example', body: `hello ${i}` } },
        session,
      );
      out.push(performance.now() - t0);
    }
    return out.sort((a, b) => a - b);
  };
  const base = await time(rulesOnly);
  const monitored = await time(withMonitor);
  await server.close();
  return {
    n,
    rulesP50: pct(base, 0.5),
    monitorP50: pct(monitored, 0.5),
    monitorP99: pct(monitored, 0.99),
  };
}

async function loadMonitor() {
  const { createGuard } = await import('../src/guard/index.js');
  const { createLlmMonitor } = await import('../src/guard/monitor/llm-monitor.js');
  return { createGuard, createLlmMonitorForBench: createLlmMonitor };
}

async function runThroughput(trials: number, guarded: boolean) {
  const { defaultTrialDeps } = await import('../src/run/default-trial-deps.js');
  const { runExperiment } = await import('../src/run/run-experiment.js');
  const { createGuard, openGuardStore, loadPolicyFile } = await import('../src/guard/index.js');
  const { guardedDeps } = await import('../src/guard/trial/guarded-deps.js');
  const out = mkdtempSync(join(tmpdir(), 'turncoat-guard-run-'));
  const models = ['reference:aligned', 'reference:misaligned'];
  const conditions = [...BENCH_CONDITIONS];
  const samples = Math.ceil(trials / (models.length * conditions.length));
  const guard = guarded
    ? createGuard(loadPolicyFile(EXAMPLE).policy, { store: openGuardStore(out) })
    : undefined;
  const base = defaultTrialDeps();
  const started = performance.now();
  await runExperiment({
    plan: {
      models,
      conditions,
      variants: [0],
      protocol: 'text',
      seed: 1,
      ...(guard ? { guard: { policyHash: guard.policyHash, approver: 'deny' } } : {}),
    },
    samples,
    outDir: out,
    concurrency: 8,
    deps: guard ? guardedDeps(base, guard, 'deny') : base,
  });
  const seconds = (performance.now() - started) / 1000;
  guard?.close();
  rmSync(out, { recursive: true, force: true });
  const total = models.length * conditions.length * samples;
  return { trials: total, perSecond: total / seconds };
}

const f = (x: number, d = 2) => x.toFixed(d);

const TARGET = { rate: 10_000, p50: 0.2, p99: 2 };

type Paced = Awaited<ReturnType<typeof pacedDecisions>>;

const ms = (x: number) => (x < 10 ? f(x, 3) : f(x, 1));
const writer = (threaded: boolean) =>
  threaded ? 'audit writer thread committing' : 'audit committed on the deciding thread';

/** The paced case's lines (`flags`: the V8 flags it ran with, '' for none). */
function printPaced(d: Paced, rate: number, agents: number, flags: string) {
  const total = d.total;
  const met = meets(d);
  const line = (s: ReturnType<typeof summary>) =>
    `p50 ${ms(s.p50)} ms, p99 ${ms(s.p99)} ms, max ${ms(s.max)} ms`;
  console.log(
    `  paced at ${rate.toLocaleString('en-US')}/s${flags ? ` with ${flags}` : ''} (open loop, ${agents} agent sessions calling concurrently): ${f(d.rate, 0)}/s achieved; from due time, all ${d.all.n}: ${line(d.all)} (p50 ${f(d.all.p50 / TARGET.p50)}x the 0.2 ms bound, p99 ${f(d.all.p99 / TARGET.p99)}x the 2 ms bound): target ${met ? 'met' : 'MISSED'}`,
  );
  console.log(
    `    allows ${d.allowed.n}: ${line(d.allowed)}; denies ${d.denied.n} (each returns once committed and signed): ${line(d.denied)}`,
  );
  console.log(
    `    from each decision's start (the guard's share): allows ${line(d.allowService)}; denies ${line(d.denyService)}`,
  );
  console.log(
    `    issuing late (the bench's own share): p50 ${ms(d.issue.p50)} ms, p99 ${ms(d.issue.p99)} ms; event-loop delay p99 ${ms(d.loopDelayP99)} ms, max ${ms(d.loopDelayMax)} ms; CPU per decision ${d.mainUs === undefined ? 'n/a' : `${f(d.mainUs, 1)} µs on the deciding thread (${f((d.mainUs * d.rate) / 1e4, 0)}% of a core)`}, ${f(d.allUs, 1)} µs in all threads; ${writer(d.threaded)}; load average ${f(d.load[0]!, 1)} -> ${f(d.load[1]!, 1)}`,
  );
  if (d.cpuWaitShare !== undefined)
    console.log(
      `    the deciding thread waited for a CPU (runnable, both cores taken) ${f(d.cpuWaitShare * 100, 1)}% of the run`,
    );
  console.log(
    `    young-generation collections: ${d.scavenges.n} (${f((d.scavenges.n * 1000) / total, 2)} per 1,000 decisions), pauses p50 ${ms(d.scavenges.p50)} ms, max ${ms(d.scavenges.max)} ms; decisions later than 2 ms: ${d.late.n}, ${d.late.byGc} of them held up by a collection; of the others ${f(d.late.samePhase * 100, 0)}% due in the same 20 ms of each 100 ms${d.stolen === undefined ? '' : `; the hypervisor took ${f(d.stolen * 100, 1)}% of the CPUs' time during the run`}`,
  );
}

/** The paced case `reps` times, each in a fresh process (as `--paced-case` runs it). */
function repeatPaced(reps: number, total: number, rate: number, agents: number): Paced[] {
  return Array.from({ length: reps }, () => spawnPaced([], total, rate, agents));
}

/** A paced run's verdict: the rate held, p50 and p99 under their bounds. */
const meets = (d: Paced) =>
  d.rate >= TARGET.rate * 0.99 && d.all.p50 < TARGET.p50 && d.all.p99 < TARGET.p99;

/** The median of a few figures (the lower middle one for an even count). */
const median = (xs: readonly number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

/** One line per repeat set: each run's p99 and late count, the median over `first` and them. */
function printRepeats(runs: Paced[], first: Paced) {
  const all = [first, ...runs];
  const p99s = all.map((r) => r.all.p99);
  const met = all.filter(meets).length;
  const mid = median(p99s);
  const p50 = median(all.map((r) => r.all.p50));
  console.log(
    `    the same paced case ${runs.length} times more, each in a fresh process: p99 ${runs.map((r) => ms(r.all.p99)).join(', ')} ms (decisions later than 2 ms: ${runs.map((r) => r.late.n).join(', ')}); over all ${all.length} runs p99 median ${ms(mid)} ms, min ${ms(Math.min(...p99s))}, max ${ms(Math.max(...p99s))}; p50 median ${ms(p50)} ms; ${met} of ${all.length} runs met the target; the median run ${mid < TARGET.p99 && p50 < TARGET.p50 ? 'meets' : 'MISSES'} it`,
  );
}

/** Prints the guard section of `npm run bench` (`--decisions`: only the decision figures). */
export async function printGuardBench(quick: boolean): Promise<void> {
  const total = quick ? 20_000 : 100_000;
  console.log(
    `\nguard: rule-only decisions (policies/example.yaml; every 200th a leak it denies) with the durable audit append, ${total} decisions per case`,
  );
  const max = await maxDecisions(total);
  const capacity = max.mainUs === undefined ? undefined : 1e6 / max.mainUs;
  console.log(
    `  max throughput (closed loop): ${f(max.rate, 0)} decisions/s (${f(max.rate / TARGET.rate)}x the 10,000/s target); CPU per decision: ${max.mainUs === undefined ? 'n/a' : `${f(max.mainUs, 1)} µs`} on the deciding thread${capacity === undefined ? '' : ` (room for ${f(capacity, 0)}/s, ${f(capacity / TARGET.rate)}x the target)`}, ${f(max.allUs, 1)} µs in all threads; ${f(max.allocatedPerDecision / 1024, 1)} KB allocated per decision; ${writer(max.threaded)}; load average ${f(max.load[0]!, 1)} -> ${f(max.load[1]!, 1)}`,
  );
  const agents = 32;
  // `--rate N` paces at another rate (to see the latency a loaded machine gives at what it can carry).
  const at = process.argv.indexOf('--rate');
  const rate = at >= 0 ? Number(process.argv[at + 1]) : TARGET.rate;
  const d = await pacedDecisions(total, rate, agents);
  printPaced(d, rate, agents, '');
  // `--v8 "FLAGS"`: the same paced case again in a process started with V8 flags a deployer
  // can set too (e.g. --max-semi-space-size=64), printed beside the run without them.
  const v8At = process.argv.indexOf('--v8');
  if (v8At >= 0) {
    const flags = process.argv[v8At + 1]!;
    printPaced(spawnPaced(flags.split(' '), total, rate, agents), rate, agents, flags);
  }
  // `--paced-reps N` (default 5, 0 with --quick): the paced case again, each run in a fresh
  // process, so one run's tail (a host that took a core away for a few ms) is told apart from
  // the guard's: every run's p99, their median, and how many met the target.
  const repsAt = process.argv.indexOf('--paced-reps');
  const reps = repsAt >= 0 ? Number(process.argv[repsAt + 1]) : quick ? 0 : 5;
  if (reps > 0) printRepeats(repeatPaced(reps, total, rate, agents), d);
  const dry = await pacedDecisions(total, rate, agents, { dryRun: true });
  console.log(
    `    the pacing loop alone (same loop, a decider that answers at once): ${dry.mainUs === undefined ? 'n/a' : `${f(dry.mainUs, 1)} µs CPU per decision on the deciding thread`}; issuing late p50 ${ms(dry.issue.p50)} ms, p99 ${ms(dry.issue.p99)} ms`,
  );
  const floor = machineStalls(5_000);
  console.log(
    `    the machine alone (this thread sleeping 0.1 ms and waking, no guard, ${floor.seconds} s): ${floor.stalls} wake-ups later than 2 ms (${f(floor.stalls / floor.seconds, 1)}/s, ${ms(floor.stalledMs)} ms in all, longest ${ms(floor.longestMs)} ms; ${f(floor.samePhase * 100, 0)}% of them in the same 20 ms of each 100 ms)${floor.stolen === undefined ? '' : `; the hypervisor took ${f(floor.stolen * 100, 1)}% of the CPUs' time`}`,
  );
  console.log(
    `  audit: ${d.audited.entries} entries, ${d.audited.checkpoints} signed checkpoints, ${d.audited.ok ? 'intact' : 'BROKEN'}`,
  );
  if (process.argv.includes('--decisions')) return;
  const marks = quick ? [1_000, 10_000] : [10_000, 100_000];
  const memory = spawnSessionMemory(marks);
  const [a, b] = [memory[marks[0]!]!, memory[marks[1]!]!];
  console.log(
    `  long-running guard, sessions by id (3 checks each): after ${marks[0]} sessions RSS ${f(a.rssMb, 0)} MB, heap ${f(a.heapMb, 1)} MB (${a.live} live); after ${marks[1]} RSS ${f(b.rssMb, 0)} MB (${f(b.rssMb / a.rssMb)}x), heap ${f(b.heapMb, 1)} MB (${f(b.heapMb / a.heapMb)}x, ${b.live} live)`,
  );
  const m = await monitorLatency(quick ? 50 : 300);
  console.log(
    `  LLM monitor via the local mock server: p50 ${f(m.monitorP50)} ms, p99 ${f(m.monitorP99)} ms per risky call; rules only p50 ${f(m.rulesP50, 3)} ms: the monitor adds ${f(m.monitorP50 - m.rulesP50)} ms at p50 over ${m.n} calls`,
  );
  const trials = quick ? 600 : 3_000;
  const plain = await runThroughput(trials, false);
  const guarded = await runThroughput(trials, true);
  console.log(
    `  run throughput (text protocol, reference agents, ${plain.trials} trials): unguarded ${f(plain.perSecond, 0)} trials/s, guarded ${f(guarded.perSecond, 0)} trials/s (${f(guarded.perSecond / plain.perSecond)}x)`,
  );
}

const isEntry = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isEntry) {
  const paced = process.argv.indexOf('--paced-case');
  const at = process.argv.indexOf('--sessions-case');
  if (paced >= 0) {
    const [total, rate, agents] = process.argv[paced + 1]!.split(',').map(Number) as [
      number,
      number,
      number,
    ];
    process.stdout.write(`${JSON.stringify(await pacedDecisions(total, rate, agents))}\n`);
  } else if (at >= 0) {
    const marks = process.argv[at + 1]!.split(',').map(Number);
    process.stdout.write(`${JSON.stringify(await sessionMemory(marks))}\n`);
  } else await printGuardBench(process.argv.includes('--quick'));
}
