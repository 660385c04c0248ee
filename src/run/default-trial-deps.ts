import type { AgentModel } from '../agent/model.js';
import { parseModelId } from '../agent/providers/model-id.js';
import { resolveModel } from '../agent/resolve-model.js';
import { runTrial } from '../agent/run-trial.js';
import { scoreTrial } from '../judge/score-trial.js';
import type { CombineRule } from '../judge/llm/combine-verdicts.js';
import type { LlmJudgeOptions } from '../judge/llm/llm-judge.js';
import { createRunJudging, type RunJudging } from '../judge/llm/run-judging.js';
import { loadCatalog, selectConditions, type Catalog } from '../scenario/catalog.js';
import { InputError } from '../errors.js';
import { HEURISTIC_JUDGE_ID } from '../judge/heuristic/verdict.js';
import type { Db } from '../store/open-database.js';
import { createResponseCache, withCache } from '../store/response-cache.js';
import { ConcurrencyGovernor, withLimitsAndRetries, type GovernorOptions } from './rate-limiter.js';
import type { RetryHooks, RetryPolicy } from './retry.js';
import type { TrialDeps } from './trial-deps.js';
import { canBatch, createBatching, type BatchSettings } from './batch/batched-model.js';

export interface DefaultDepsOptions {
  catalog?: Catalog;
  /** `--no-cache`: every call goes to the model (fresh replies still refresh the cache). */
  bypassCache?: boolean;
  retry?: Partial<RetryPolicy>;
  governor?: ConcurrencyGovernor;
  /** The run's trials in flight: raises the default per-model and per-provider caps to match. */
  concurrency?: number;
  /** Resolves a model id (default `resolveModel`); a config file passes its provider options. */
  resolve?: (id: string) => AgentModel;
  /** `--judge` ids: model judges (after the heuristic first pass) that decide `harmful`. */
  judges?: readonly string[];
  /** How several judges decide together (default majority). */
  judgeRule?: CombineRule;
  /** LLM judge settings (attempts, timeout, ...). */
  judgeOptions?: LlmJudgeOptions;
  /** A dry run calls no judge, so a judge's missing key is not yet an error. */
  dryRun?: boolean;
  /** `--batch`: the run's language models answer through their providers' batch APIs. */
  batch?: BatchSettings;
}

/**
 * The real seam: the scenario catalog (memoised renders), the agents and the heuristic
 * judge. Language models are wrapped in the run's stack: adaptive rate limits and retries
 * (`withLimitsAndRetries`), then the response cache in the store, so a rerun never pays
 * twice. Scripted reference agents are used as they are.
 */
export function defaultTrialDeps(
  options: DefaultDepsOptions = {},
): TrialDeps & { catalog: Catalog } {
  const catalog = options.catalog ?? loadCatalog();
  const governor =
    options.governor ?? new ConcurrencyGovernor(governorDefaults(options.concurrency));
  const judgeIds = options.judges ?? [];
  const judgingWith = (wrap?: (model: AgentModel) => AgentModel) =>
    createRunJudging({
      ids: judgeIds,
      ...(options.judgeRule ? { rule: options.judgeRule } : {}),
      ...(options.judgeOptions ? { llm: options.judgeOptions } : {}),
      ...(options.resolve ? { resolve: options.resolve } : {}),
      ...(wrap ? { wrap } : {}),
    });
  // Bad judge ids (reference agents, unknown providers) are refused before anything runs;
  // a dry run checks the same ids without resolving them (their keys may not be set yet).
  if (judgeIds.length > 0 && !options.dryRun) judgingWith();
  if (options.dryRun) checkJudgeIds(judgeIds);
  let judging: RunJudging | undefined;
  const batching = options.batch ? createBatching(options.batch) : undefined;
  return {
    catalog,
    render: (conditionId, variant) => catalog.render(conditionId, variant),
    resolveModel: options.resolve ?? resolveModel,
    wrapModel(model: AgentModel, db: Db, hooks?: RetryHooks, run?: string): AgentModel {
      if (model.kind !== 'language-model') return model;
      // A run's agents batch (judges, wrapped without a run, call as usual).
      const limited =
        batching && run !== undefined && canBatch(model.id)
          ? batching.wrap(model, db, run)
          : withLimitsAndRetries(model, governor, options.retry ?? {}, hooks);
      const parsed = parseModelId(model.id);
      const baseURL = model.baseURL ?? parsed.baseURL;
      return withCache(
        limited,
        createResponseCache(db),
        { provider: parsed.provider, model: parsed.model, ...(baseURL ? { baseURL } : {}) },
        { bypass: options.bypassCache ?? false },
      );
    },
    runTrial,
    openJudging(db: Db) {
      if (judgeIds.length === 0) return undefined;
      judging = judgingWith((model) => this.wrapModel!(model, db));
      return judging;
    },
    scoreTrial: (scenario, transcript, signal) =>
      judging ? judging.score(scenario, transcript, signal) : scoreTrial(scenario, transcript),
  };
}

/**
 * Default caps for a run of `concurrency` trials in flight: a model may have as many calls
 * in flight as there are trials (at least 4), a provider at least 8.
 */
export function governorDefaults(concurrency = 4): GovernorOptions {
  return {
    defaultModelMax: Math.max(4, concurrency),
    defaultProviderMax: Math.max(8, concurrency),
  };
}

/** What resolving the judges would refuse, short of a missing key: for `--dry-run`. */
function checkJudgeIds(ids: readonly string[]): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw new InputError(`judge '${id}' given twice`);
    seen.add(id);
    if (id === 'heuristic' || id === HEURISTIC_JUDGE_ID) continue;
    if (id.startsWith('reference:')) {
      throw new InputError(
        `'${id}' is a scripted reference agent and cannot judge; valid: heuristic, or a model id such as openai:gpt-4.1`,
      );
    }
    parseModelId(id);
  }
}

/**
 * Condition ids for `--scenario`/`--condition`: each alone selects; both together narrow
 * (the conditions of those scenarios that match). InputError naming valid choices when
 * nothing matches.
 */
export function conditionsFor(catalog: Catalog, scenarios: string[], globs: string[]): string[] {
  if (scenarios.length > 0 && globs.length > 0) {
    // Both given: the filters narrow each other (conditions of these scenarios that match).
    selectConditions(catalog, { scenarios });
    const matched = selectConditions(catalog, { globs }).filter((id) =>
      scenarios.includes(id.slice(0, id.indexOf('_'))),
    );
    if (matched.length === 0) {
      throw new InputError(
        `no condition of ${scenarios.join(', ')} matches ${globs.map((g) => `'${g}'`).join(', ')} ` +
          '(--scenario and --condition narrow each other)',
      );
    }
    return matched;
  }
  return selectConditions(catalog, {
    ...(scenarios.length > 0 ? { scenarios } : {}),
    ...(globs.length > 0 ? { globs } : {}),
  });
}
