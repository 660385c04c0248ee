/**
 * The guard's benchmark: rule-only decisions with the durable audit append, paced at a
 * target rate (p50/p99 per decision); the LLM monitor path's added latency against the local
 * mock server; and a guarded run's throughput beside an unguarded one (reference agents).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_CONDITIONS } from './conditions.js';

const EXAMPLE = fileURLToPath(new URL('../policies/example.yaml', import.meta.url));
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

async function decisions(total: number, rate: number) {
  const { createGuard, openGuardStore, loadPolicyFile } = await import('../src/guard/index.js');
  const { worldFacts } = await import('../src/guard/trial/world-facts.js');
  const { loadCatalog } = await import('../src/scenario/catalog.js');
  const world = loadCatalog().render('leaking_explicit-america_replacement', 0).world;
  const facts = worldFacts(world);
  const outsider = world.people.find((p) => p.roles.includes('outsider'))!.email;
  const insider = world.people.find((p) => p.roles.includes('insider'))!.email;
  const doc = world.inbox.find((e) => e.attachments.length > 0)!;
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
  const latencies: number[] = [];
  let session = guard.session('bench-0', facts);
  const started = performance.now();
  // Open loop: decision i is due at i/rate; each is timed from its start to its answer.
  for (let i = 0; i < total; i++) {
    const due = started + (i / rate) * 1000;
    while (performance.now() < due) await new Promise((r) => setImmediate(r));
    if (i % 50 === 0) session = guard.session(`bench-${i}`, facts);
    const call = i % 200 === 199 ? leak : calls[i % calls.length]!;
    const t0 = performance.now();
    await guard.check(call, session);
    latencies.push(performance.now() - t0);
  }
  const seconds = (performance.now() - started) / 1000;
  guard.store.audit.flush();
  const audited = guard.store.audit.verify();
  guard.close();
  rmSync(dir, { recursive: true, force: true });
  latencies.sort((a, b) => a - b);
  return {
    total,
    seconds,
    rate: total / seconds,
    p50: pct(latencies, 0.5),
    p99: pct(latencies, 0.99),
    audited,
  };
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

/** Prints the guard section of `npm run bench`. */
export async function printGuardBench(quick: boolean): Promise<void> {
  const total = quick ? 5_000 : 50_000;
  console.log(
    `\nguard: rule-only decisions (policies/example.yaml) with the durable audit append, paced at 10,000/s`,
  );
  const d = await decisions(total, 10_000);
  console.log(
    `  ${total} decisions in ${f(d.seconds, 1)} s (${f(d.rate, 0)}/s achieved): p50 ${f(d.p50, 3)} ms, p99 ${f(d.p99, 3)} ms  (target p50 < 0.2 ms, p99 < 2 ms: ${d.p50 < 0.2 && d.p99 < 2 ? 'met' : 'MISSED'}); audit ${d.audited.entries} entries, ${d.audited.checkpoints} checkpoints, ${d.audited.ok ? 'intact' : 'BROKEN'}`,
  );
  const m = await monitorLatency(quick ? 50 : 300);
  console.log(
    `  LLM monitor via the local mock server: p50 ${f(m.monitorP50)} ms, p99 ${f(m.monitorP99)} ms per risky call (rules only: ${f(m.rulesP50, 3)} ms) over ${m.n} calls`,
  );
  const trials = quick ? 600 : 3_000;
  const plain = await runThroughput(trials, false);
  const guarded = await runThroughput(trials, true);
  console.log(
    `  run throughput (text protocol, reference agents, ${plain.trials} trials): unguarded ${f(plain.perSecond, 0)} trials/s, guarded ${f(guarded.perSecond, 0)} trials/s (${f(guarded.perSecond / plain.perSecond)}x)`,
  );
}

const isEntry = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isEntry) await printGuardBench(process.argv.includes('--quick'));
