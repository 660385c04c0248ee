import type { AgentModel } from '../agent/model.js';
import { InputError } from '../errors.js';
import { countStoredByModel, openRun, setRunStatus, type RunRecord } from '../store/runs.js';
import { createTrialLeases } from '../store/trial-leases.js';
import { forgetErroredTrials } from '../store/forget-errors.js';
import { recordRunPass, type RecordedRunPass } from '../judge/llm/record-run-pass.js';
import { openStore } from '../store/store.js';
import type { RateRow } from '../store/rate-rows.js';
import { canonicalPlan, planHash, planSize, runIdFor, type RunPlan } from './plan.js';
import { scheduleTrials, type RunEvent, type RunOutcome } from './scheduler.js';
import type { Price } from './prices.js';
import type { RetryHooks } from './retry.js';
import type { TrialDeps } from './trial-deps.js';
import { modelUsage, type ModelUsageRow } from './model-usage.js';
import { toolVersion } from '../version.js';

export interface ExperimentInput {
  plan: RunPlan;
  samples: number;
  outDir: string;
  concurrency: number;
  deps: TrialDeps;
  stop?: AbortSignal;
  cancel?: AbortSignal;
  onEvent?: (event: RunEvent) => void;
  /** Run the plan's errored trials again (they are removed first, so each key stays unique). */
  retryErrors?: boolean;
  /** Price overrides (USD per million tokens) for the per-trial cost estimate. */
  prices?: Readonly<Record<string, Price>>;
  /** `--batch`: trial costs at the providers' batch prices. */
  batchPrices?: boolean;
}

export interface ExperimentResult {
  run: RunRecord;
  /** True when this invocation continued a run already in the store. */
  resumed: boolean;
  outcome: RunOutcome;
  /** Errored trials removed to be run again (`retryErrors`). */
  retried: number;
  /** The judging pass recorded when model judges scored the trials (`--judge`). */
  judgePass?: RecordedRunPass;
  rows: RateRow[];
  /** Trials, tokens and estimated cost per model for the whole run (stored trials included). */
  usage: ModelUsageRow[];
  storeFile: string;
}

/**
 * Validates the plan (every model resolves, every condition renders in every variant: bad
 * input throws InputError before anything is written), opens or resumes the run the plan
 * identifies in `<outDir>/turncoat.db`, runs the missing trials and returns the rate rows.
 */
export async function runExperiment(input: ExperimentInput): Promise<ExperimentResult> {
  if (!Number.isInteger(input.samples) || input.samples < 1) {
    throw new InputError(`--samples must be a whole number >= 1 (got '${input.samples}')`);
  }
  const plan = canonicalPlan(input.plan);
  const models = new Map<string, AgentModel>(
    plan.models.map((id) => [id, input.deps.resolveModel(id)]),
  );
  const packHashes: Record<string, string> = {};
  for (const condition of plan.conditions) {
    for (const variant of plan.variants) {
      const scenario = input.deps.render(condition, variant);
      packHashes[scenario.condition.scenario] = scenario.packHash;
    }
  }
  const hash = planHash(plan, Object.values(packHashes));
  const store = openStore(input.outDir);
  try {
    const { run, resumed } = openRun(store.db, {
      id: runIdFor(hash),
      plan,
      planHash: hash,
      packHashes,
      samples: input.samples,
      toolVersion: toolVersion(),
    });
    const retried = input.retryErrors ? forgetErroredTrials(store.db, run.id) : 0;
    const wrap = input.deps.wrapModel?.bind(input.deps);
    const hooks = retryEvents(input.onEvent);
    if (wrap)
      for (const [id, model] of models) models.set(id, wrap(model, store.db, hooks, run.id));
    const judging = input.deps.openJudging?.(store.db);
    const judgingStarted = new Date().toISOString();
    const leases = createTrialLeases(store.db, run.id);
    const countStored = () => countStoredByModel(store.db, run.id, input.samples);
    // A run other processes are still working on stays `running`.
    const settle = (complete: boolean) =>
      setRunStatus(
        store.db,
        run.id,
        complete ? 'complete' : leases.othersActive() > 0 ? 'running' : 'interrupted',
      );
    let outcome: RunOutcome;
    try {
      outcome = await scheduleTrials({
        runId: run.id,
        plan,
        samples: input.samples,
        concurrency: input.concurrency,
        deps: input.deps,
        writer: store.writer,
        leases,
        countStored,
        models,
        ...(input.stop ? { stop: input.stop } : {}),
        ...(input.cancel ? { cancel: input.cancel } : {}),
        ...(input.onEvent ? { onEvent: input.onEvent } : {}),
        ...(input.prices ? { prices: input.prices } : {}),
        ...(input.batchPrices ? { batchPrices: true } : {}),
      });
    } catch (error) {
      settle(false);
      throw error;
    }
    const judgePass = judging && recordRunPass(store.db, run.id, judging, judgingStarted);
    const stored = store.db
      .prepare('SELECT COUNT(*) FROM trials WHERE run = ?')
      .pluck()
      .get(run.id) as number;
    settle(stored >= planSize(plan, run.samples));
    return {
      run: store.run(run.id),
      resumed,
      outcome,
      retried,
      ...(judgePass ? { judgePass } : {}),
      rows: store.rateRows(run.id),
      usage: modelUsage(store.db, run.id),
      storeFile: store.db.name,
    };
  } finally {
    store.close();
  }
}

/**
 * The retry layer's waits as run events (`retry`, `pause`), for the progress display.
 * @example wrapModel(model, db, retryEvents(input.onEvent))
 */
export function retryEvents(onEvent?: (event: RunEvent) => void): RetryHooks {
  return {
    onRetry: (e) =>
      onEvent?.({ type: 'retry', modelId: e.modelId, category: e.category, delayMs: e.delayMs }),
    onPause: (e) =>
      onEvent?.({
        type: 'pause',
        modelId: e.modelId,
        pauseMs: Math.max(0, e.untilMs - Date.now()),
      }),
  };
}
