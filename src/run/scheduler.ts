import type { AgentModel, Usage } from '../agent/model.js';
import type { ErrorCategory } from '../agent/trial-types.js';
import type { TrialTranscript } from '../agent/trial-types.js';
import type { TrialVerdict } from '../judge/types.js';
import type { RenderedScenario } from '../scenario/rendered.js';
import type { Claim, LeaseKey } from '../store/trial-leases.js';
import { claimAhead, claimedKeys } from './claimed-keys.js';
import { planKeys, planSize, trialSeed, type RunPlan, type TrialKey } from './plan.js';
import { batchPriceOf, costAt, priceOf, type Price } from './prices.js';
import type { TrialDeps } from './trial-deps.js';
import { groupCommit, type TrialSink } from './group-commit.js';
import { timeSlices } from './time-slices.js';

export type { TrialSink } from './group-commit.js';

/**
 * The longest judging waits for a round's answers to stop arriving: a quarter of a trial's
 * model time (so a lane's trial before is judged and stored long before the lane needs it),
 * and never more than `ANSWERS_FIRST_MS`. At 512 calls of 2 s in flight a round's answers and
 * their lanes' next calls take ~0.1-0.3 s of the thread to get through.
 */
export const ANSWERS_FIRST_SHARE = 0.25;
export const ANSWERS_FIRST_MS = 200;
/**
 * A group commit waits for more trials up to this share of a trial's model time (between 20
 * and 100 ms, see `groupCommit`): at 200 ms calls and 64 lanes a commit holds ~32 trials
 * instead of ~6, and a lane still finds its trial before stored when it needs it (judging's
 * wait plus the window stay under one trial's model time; a lane that waits commits at once).
 */
export const COMMIT_WINDOW_SHARE = 0.5;

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
 * model judges are async) once the lane's next call is out, then its store write (atomic;
 * trials finishing within a few ms share a commit, see `groupCommit` in group-commit.ts). `concurrency` lanes each run one trial after another, so exactly that many are in
 * flight; keys are read and claimed lazily (`claimedKeys`), so memory stays flat however
 * many trials the plan has. A trial that throws is stored as an error (category `internal`),
 * never dropped; a store failure stops the run and is rethrown.
 */
export async function scheduleTrials(options: ScheduleOptions): Promise<RunOutcome> {
  const { plan, samples, deps, writer, leases, runId, onEvent } = options;
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

  // Trials whose model calls ended since the judging queue last looked, and lanes waiting
  // for a commit (which judging must not keep waiting).
  let answered = 0;
  let lanesWaiting = 0;
  // A trial's model time (its calls, retries and waits), smoothed over the trials so far.
  let modelMs: number | undefined;
  // Judging waits for the next calls to leave, and yields to I/O every few milliseconds; while
  // a round's answers are still coming in (trials ended in the turn before), it waits for them
  // (a quarter of a trial's model time at most), so each of their lanes' next calls leaves first.
  const later = timeSlices({
    yieldWhile: () => {
      const arriving = answered > 0 && lanesWaiting === 0;
      answered = 0;
      return arriving;
    },
    maxYieldMs: () => Math.min(ANSWERS_FIRST_MS, (modelMs ?? 0) * ANSWERS_FIRST_SHARE),
  });
  // A commit window's end waits behind the judging queued before it (and with it).
  const commit = groupCommit(writer, {
    windowEnd: later,
    windowMs: () => (modelMs ?? 0) * COMMIT_WINDOW_SHARE,
  });
  // Each model's price, looked up once (the lookup scans the whole price table).
  const prices = new Map<string, Price | null>();
  const priceFor = (id: string) => {
    let price = prices.get(id);
    if (price === undefined) {
      price = options.batchPrices ? batchPriceOf(id, options.prices) : priceOf(id, options.prices);
      prices.set(id, price);
    }
    return price;
  };
  // Keys come sample by sample within a (condition, variant): the last render serves the next.
  let rendered: { condition: string; variant: number; scenario: RenderedScenario } | undefined;
  const render = (key: TrialKey) => {
    if (rendered?.condition !== key.condition || rendered.variant !== key.variant) {
      const scenario = deps.render(key.condition, key.variant);
      rendered = { condition: key.condition, variant: key.variant, scenario };
    }
    return rendered.scenario;
  };
  /** A trial whose model calls are done, not yet scored or stored. */
  interface Finished {
    key: TrialKey;
    scenario: RenderedScenario;
    model: AgentModel;
    seed: number;
    transcript: TrialTranscript;
  }
  /** Runs one trial's model calls (the agent's side); scoring and storing come after. */
  const runOne = async (key: TrialKey): Promise<Finished> => {
    const scenario = render(key);
    const model = options.models.get(key.model)!;
    const seed = trialSeed(plan.seed, key);
    const started = performance.now();
    const transcript = await runSafely(
      deps,
      scenario,
      model,
      plan,
      key.sample,
      seed,
      options.cancel,
    );
    answered++;
    const took = performance.now() - started;
    modelMs = modelMs === undefined ? took : (7 * modelMs + took) / 8;
    return { key, scenario, model, seed, transcript };
  };
  /**
   * Scores a finished trial and hands it to the group commit; settles once it is stored and
   * counted (never rejects: a store failure becomes `fatal`). Scoring starts a turn of the
   * event loop later, so every answer that arrived together has its lane's next call sent
   * before any of them is judged, and runs in slices of a few milliseconds (`timeSlices`), so
   * answers arriving meanwhile are read between them. `prior`, the lane's trial before, is stored before this one
   * is queued (`wait` commits it at once if need be).
   */
  const finish = async (
    done: Finished,
    prior: Promise<void> | undefined,
    lane: LaneCommits,
  ): Promise<void> => {
    const { key, scenario, model, seed } = done;
    // The judge's synchronous work runs in a time slice (a model judge's call goes out there).
    const verdict = await new Promise<Scored>((resolve) =>
      later(() => resolve(scoreSafely(deps, scenario, done.transcript, options.cancel))),
    );
    const costUsd =
      model.kind === 'language-model' ? costAt(priceFor(model.id), verdict.transcript.usage) : null;
    await lane.wait(prior);
    const stored = commit.queue({
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
    if (lane.hurry()) commit.flushNow();
    try {
      // Another process stored this key first (it took over an expired lease): not ours.
      if (!(await stored)) return;
    } catch (error) {
      fatal ??= error;
      return;
    }
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
  const lanes = Math.max(1, options.concurrency);
  let running = 0;
  const source = claimedKeys({
    keys: planKeys(plan, samples),
    leases,
    // Every idle lane's next trial in one claim, and a few ahead (not more than the lanes).
    wanted: () => Math.max(lanes - running, claimAhead(lanes)),
    stopped,
    ...(options.stop ? { stop: options.stop } : {}),
  });
  /** A lane's waits for its own trials' commits. */
  interface LaneCommits {
    /** Resolves once `trial` is stored; asks for an early commit meanwhile. */
    wait(trial: Promise<void> | undefined): Promise<void>;
    /** True while the lane waits: its trial just queued should commit at once. */
    hurry(): boolean;
  }
  const laneCommits = (): LaneCommits => {
    let waiting = 0;
    return {
      async wait(trial) {
        if (!trial || commit.isSettled(trial)) return;
        waiting++;
        lanesWaiting++;
        commit.flushNow();
        try {
          await trial;
        } finally {
          waiting--;
          lanesWaiting--;
        }
      },
      hurry: () => waiting > 0,
    };
  };
  // `concurrency` lanes, each running one trial after another: exactly that many in flight.
  // A finished trial is scored a turn later, so a lane's next call leaves first when keys are
  // at hand; each lane has at most one finished trial unstored: the one before it is stored
  // before the lane's next call leaves, and before this one is queued.
  const lane = async () => {
    const commits = laneCommits();
    let previous: Promise<void> | undefined;
    let before: Promise<void> | undefined;
    try {
      for (let key = await source.next(); key; key = await source.next()) {
        running++;
        try {
          await commits.wait(before);
          const done = await runOne(key);
          before = previous;
          previous = commit.track(finish(done, before, commits));
        } finally {
          running--;
        }
      }
    } catch (error) {
      fatal ??= error;
    }
    await commits.wait(previous);
  };
  try {
    await Promise.all(Array.from({ length: lanes }, lane));
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

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((n, c) => n + c, 0);

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

interface Scored {
  transcript: TrialTranscript;
  verdict: TrialVerdict | null;
}

async function scoreSafely(
  deps: TrialDeps,
  scenario: RenderedScenario,
  transcript: TrialTranscript,
  signal?: AbortSignal,
): Promise<Scored> {
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
