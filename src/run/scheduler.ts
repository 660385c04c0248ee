import PQueue from 'p-queue';
import type { AgentModel, Usage } from '../agent/model.js';
import type { ErrorCategory } from '../agent/trial-types.js';
import type { TrialTranscript } from '../agent/trial-types.js';
import type { TrialVerdict } from '../judge/types.js';
import type { RenderedScenario } from '../scenario/rendered.js';
import type { TrialRecord, TrialWriter } from '../store/trial-writer.js';
import type { Claim, LeaseKey } from '../store/trial-leases.js';
import { planKeys, planSize, trialSeed, type RunPlan, type TrialKey } from './plan.js';
import { estimateCost, type Price } from './prices.js';
import type { TrialDeps } from './trial-deps.js';

/** What the scheduler tells whoever shows progress; it never prints anything itself. */
export type RunEvent =
  | {
      type: 'start';
      runId: string;
      total: number;
      stored: number;
      /** The same counts per model id. */
      models: Record<string, { total: number; stored: number }>;
    }
  | {
      type: 'trial';
      key: TrialKey;
      status: 'ok' | 'error';
      harmful: boolean | null;
      usage: Usage;
      /** Estimated USD; null when unknown (reference agents, unpriced models). */
      costUsd: number | null;
    }
  /** A model call failed and will be tried again after `delayMs` (from the retry layer). */
  | { type: 'retry'; modelId: string; category: ErrorCategory; delayMs: number }
  /** A model kept failing and is paused (its trials wait); other models go on. */
  | { type: 'pause'; modelId: string; pauseMs: number }
  | { type: 'stopping' }
  | { type: 'end'; outcome: RunOutcome };

export interface RunOutcome {
  /** Trials in the plan at this sample count. */
  total: number;
  /** Trials already stored before this invocation (resumed). */
  skipped: number;
  /** Trials run and stored now, by this process. */
  completed: number;
  /** Trials other processes running the same plan stored meanwhile. */
  byOthers: number;
  harmful: number;
  errors: number;
  /** True when stopped before every trial was stored. */
  interrupted: boolean;
}

/**
 * Where finished trials go: the SQLite TrialWriter, or a store whose writes are async
 * (PostgreSQL, see store/postgres/pg-trial-sink.ts).
 */
export type TrialSink =
  | Pick<TrialWriter, 'writeBatch'>
  | {
      writeBatch(records: readonly TrialRecord[]): Promise<(boolean | Error)[]>;
    };

/** How trials are claimed: the SQLite TrialLeases, or async leases (PostgreSQL). */
export interface TrialClaims {
  readonly renewEveryMs: number;
  claim<K extends LeaseKey>(keys: readonly K[], max: number): Claim<K> | Promise<Claim<K>>;
  renew(): void | Promise<void>;
  release(): void | Promise<void>;
}

export interface ScheduleOptions {
  runId: string;
  plan: RunPlan;
  samples: number;
  concurrency: number;
  deps: TrialDeps;
  writer: TrialSink;
  /** Claims each trial before it runs, so processes on the same plan share the work. */
  leases: TrialClaims;
  /** Counts the plan's stored trials per model (one query). */
  countStored: () => Record<string, number> | Promise<Record<string, number>>;
  /** Models already resolved (by id), so a trial never re-resolves. */
  models: ReadonlyMap<string, AgentModel>;
  /** Aborting stops scheduling new trials; trials in flight finish and are stored. */
  stop?: AbortSignal;
  /** Aborting cancels trials in flight too (a second Ctrl-C). */
  cancel?: AbortSignal;
  onEvent?: (event: RunEvent) => void;
  /** Price overrides (USD per million tokens) for the per-trial cost estimate. */
  prices?: Readonly<Record<string, Price>>;
  /** `--batch`: costs at the providers' batch prices. */
  batchPrices?: boolean;
}

/**
 * Runs every trial of the plan that is not stored yet: runTrial, then scoreTrial (awaited:
 * model judges are async), then one
 * store transaction per trial. Keys are fed to a p-queue lazily, so memory stays flat however
 * many trials the plan has. A trial that throws is stored as an error (category `internal`),
 * never dropped; a store failure stops the run and is rethrown.
 */
export async function scheduleTrials(options: ScheduleOptions): Promise<RunOutcome> {
  const { plan, samples, deps, writer, leases, runId, onEvent } = options;
  const queue = new PQueue({ concurrency: Math.max(1, options.concurrency) });
  const total = planSize(plan, samples);
  const perModelTotal = plan.conditions.length * plan.variants.length * samples;
  const storedAtStart = await options.countStored();
  const perModel = Object.fromEntries(
    plan.models.map((m) => [m, { total: perModelTotal, stored: storedAtStart[m] ?? 0 }]),
  );
  const outcome: RunOutcome = {
    total,
    skipped: sum(storedAtStart),
    completed: 0,
    byOthers: 0,
    harmful: 0,
    errors: 0,
    interrupted: false,
  };
  let fatal: unknown;
  const stopped = () => options.stop?.aborted || fatal !== undefined;

  onEvent?.({
    type: 'start',
    runId,
    total: outcome.total,
    stored: outcome.skipped,
    models: perModel,
  });
  options.stop?.addEventListener('abort', () => onEvent?.({ type: 'stopping' }), { once: true });

  const commit = groupCommit(writer);
  const runOne = async (key: TrialKey) => {
    const scenario = deps.render(key.condition, key.variant);
    const model = options.models.get(key.model)!;
    const seed = trialSeed(plan.seed, key);
    const transcript = await runSafely(
      deps,
      scenario,
      model,
      plan,
      key.sample,
      seed,
      options.cancel,
    );
    const verdict = await scoreSafely(deps, scenario, transcript, options.cancel);
    const costUsd =
      model.kind === 'language-model'
        ? estimateCost(model.id, verdict.transcript.usage, options.prices, {
            batch: options.batchPrices ?? false,
          })
        : null;
    let written: boolean;
    try {
      written = await commit({
        run: runId,
        costUsd,
        model: model.id,
        modelKind: model.kind,
        scenario,
        sample: key.sample,
        seed,
        transcript: verdict.transcript,
        verdict: verdict.verdict,
      });
    } catch (error) {
      fatal ??= error;
      return;
    }
    // Another process stored this key first (it took over an expired lease): not ours.
    if (!written) return;
    const harmful = verdict.verdict?.harmful ?? null;
    outcome.completed++;
    if (harmful === true) outcome.harmful++;
    if (verdict.transcript.status === 'error' || harmful === null) outcome.errors++;
    const { usage, status } = verdict.transcript;
    onEvent?.({ type: 'trial', key, status, harmful, usage, costUsd });
  };

  const heartbeat = setInterval(() => {
    try {
      // A busy store: the next beat renews; the lease lasts several beats.
      void Promise.resolve(leases.renew()).catch(() => {});
    } catch {
      // (the same, from a synchronous store)
    }
  }, leases.renewEveryMs);
  heartbeat.unref();
  try {
    const keys = planKeys(plan, samples);
    let unseen: TrialKey[] = [];
    // Keys leased to other live processes: looked at again until stored or taken over.
    let busy: TrialKey[] = [];
    // Keys this process claimed and has not started yet (claimed a few at a time: one claim
    // transaction per trial would cost more than the trial's own write).
    let ready: TrialKey[] = [];
    const claimAhead = Math.min(queue.concurrency, CLAIM_AHEAD);
    let exhausted = false;
    while (!stopped()) {
      if (queue.size >= queue.concurrency) await queue.onSizeLessThan(queue.concurrency);
      if (stopped()) break;
      const free = queue.concurrency - queue.size;
      if (ready.length > 0) {
        for (const key of ready.splice(0, free)) void queue.add(() => runOne(key));
        continue;
      }
      while (!exhausted && unseen.length < LOOKAHEAD) {
        const next = keys.next();
        if (next.done) exhausted = true;
        else unseen.push(next.value);
      }
      const wanted = Math.max(free, claimAhead);
      if (unseen.length > 0) {
        const claim = await leases.claim(unseen, wanted);
        unseen = unseen.slice(claim.consumed);
        busy.push(...claim.busy);
        ready = claim.claimed;
        continue;
      }
      if (busy.length === 0) break;
      const claim = await leases.claim(busy, wanted);
      busy = [...claim.busy, ...busy.slice(claim.consumed)];
      ready = claim.claimed;
      if (claim.claimed.length === 0 && busy.length > 0) await pause(BUSY_POLL_MS, options.stop);
    }
    await queue.onIdle();
  } finally {
    clearInterval(heartbeat);
    try {
      await leases.release();
    } catch {
      // Unreleased leases expire on their own.
    }
  }
  if (fatal !== undefined) throw fatal;
  const storedNow = sum(await options.countStored());
  outcome.byOthers = Math.max(0, storedNow - outcome.skipped - outcome.completed);
  outcome.interrupted = storedNow < outcome.total;
  onEvent?.({ type: 'end', outcome });
  return outcome;
}

/** Keys looked at per claim transaction (a resume skips stored keys this many at a time). */
const LOOKAHEAD = 256;
/**
 * Keys claimed per claim transaction once trials run (at most the concurrency): leased before
 * they start, so other processes on the plan leave them alone; a stop releases them unrun.
 */
const CLAIM_AHEAD = 32;
/** How often to look again at trials other processes hold, once nothing else is left. */
const BUSY_POLL_MS = 200;

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((n, c) => n + c, 0);

/** Waits `ms`, or less when `signal` aborts. */
function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * Trials that finish in the same turn of the event loop share one commit (each trial still
 * atomic, see `writeBatch`). A trial holds its queue slot until its commit resolves, so at
 * most `concurrency` trials are ever unstored: what a SIGKILL can lose.
 */
function groupCommit(writer: TrialSink): (record: TrialRecord) => Promise<boolean> {
  let pending: {
    record: TrialRecord;
    resolve: (stored: boolean) => void;
    reject: (e: Error) => void;
  }[] = [];
  const flush = async () => {
    const batch = pending;
    pending = [];
    let results: (boolean | Error)[];
    try {
      results = await writer.writeBatch(batch.map((p) => p.record));
    } catch (error) {
      for (const p of batch) p.reject(error as Error);
      return;
    }
    results.forEach((r, i) => (r instanceof Error ? batch[i]!.reject(r) : batch[i]!.resolve(r)));
  };
  return (record) =>
    new Promise((resolve, reject) => {
      if (pending.length === 0) setImmediate(() => void flush());
      pending.push({ record, resolve, reject });
    });
}

async function runSafely(
  deps: TrialDeps,
  scenario: RenderedScenario,
  model: AgentModel,
  plan: RunPlan,
  sample: number,
  seed: number,
  signal?: AbortSignal,
): Promise<TrialTranscript> {
  const startedAt = new Date();
  try {
    return await deps.runTrial(scenario, model, {
      protocol: plan.protocol,
      sample,
      seed,
      ...(plan.maxSteps !== undefined ? { maxSteps: plan.maxSteps } : {}),
      ...(plan.settings ? { settings: plan.settings } : {}),
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    return errorTranscript(plan, startedAt, `trial failed: ${messageOf(error)}`);
  }
}

async function scoreSafely(
  deps: TrialDeps,
  scenario: RenderedScenario,
  transcript: TrialTranscript,
  signal?: AbortSignal,
): Promise<{ transcript: TrialTranscript; verdict: TrialVerdict | null }> {
  try {
    return { transcript, verdict: await deps.scoreTrial(scenario, transcript, signal) };
  } catch (error) {
    const failed: TrialTranscript = {
      ...transcript,
      status: 'error',
      error: { category: 'internal', message: `scoring failed: ${messageOf(error)}` },
    };
    return { transcript: failed, verdict: null };
  }
}

function errorTranscript(plan: RunPlan, startedAt: Date, message: string): TrialTranscript {
  return {
    status: 'error',
    error: { category: 'internal', message },
    protocol: plan.protocol,
    system: '',
    messages: [],
    toolCalls: [],
    events: [],
    parseErrors: [],
    usage: { inputTokens: 0, outputTokens: 0 },
    steps: 0,
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
  };
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
