/**
 * `turncoat run --dry-run`: what a plan would do and cost, without calling any model. Calls
 * and input tokens come from walking each condition with a scripted agent (the prompts a
 * trial sends are the same whoever answers); output tokens are an assumption per call.
 * Judges are planned on the same walks: their prompts are built on the walked transcripts.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { AgentModel, ModelRequest, ModelResponse } from '../agent/model.js';
import { createReferenceModel } from '../agent/reference/reference-model.js';
import { InputError } from '../errors.js';
import { STORE_FILE } from '../store/open-database.js';
import {
  JUDGE_CALLS_PER_TRIAL,
  judgePromptTokens,
  planJudges,
  type DryRunJudge,
} from './dry-run-judges.js';
import { canonicalPlan, planHash, runIdFor, trialSeed, type RunPlan } from './plan.js';
import {
  estimateCost,
  estimateRequestTokens,
  PRICES_AS_OF,
  batchPriceOf,
  priceOf,
  type Price,
} from './prices.js';
import type { TrialDeps } from './trial-deps.js';

/** Output tokens assumed per model call: a short reply with some reasoning. */
export const ASSUMED_OUTPUT_TOKENS_PER_CALL = 500;

export interface DryRunModel {
  model: string;
  kind: 'reference' | 'language-model';
  trials: number;
  /** Trials of this model already stored (a resume would skip them). */
  stored: number;
  /** Model calls for the trials still to run. */
  calls: number;
  inputTokens: number;
  outputTokens: number;
  /** null when the model's price is unknown (or it is a scripted agent). */
  costUsd: number | null;
  /** Why this model could not run as given (a missing key), if so. */
  problem?: string;
}

export interface DryRunPlan {
  runId: string;
  total: number;
  stored: number;
  models: DryRunModel[];
  /** The run's judges (`--judge`, config `judges:`), in order; empty when the heuristic decides alone. */
  judges: DryRunJudge[];
  /** Priced at the providers' batch prices (`--batch`). */
  batch?: boolean;
}

export interface DryRunInput {
  plan: RunPlan;
  samples: number;
  outDir: string;
  deps: Pick<TrialDeps, 'render' | 'resolveModel' | 'runTrial'>;
  prices?: Readonly<Record<string, Price>>;
  /** Judge ids the run would use (checked as the real run checks them before this is called). */
  judges?: readonly string[];
  /** `--retry-errors`: errored trials (not labelled ones) run again, so they are not counted as stored. */
  retryErrors?: boolean;
  /** `--batch`: cost at the batch price. */
  batch?: boolean;
}

/**
 * Plans the run without calling anything: trials per model (and how many are stored), model
 * calls, estimated input/output tokens and cost, and the same for each judge on the trials
 * still to run. Bad ids and conditions throw InputError as a real run would; a missing API
 * key is reported on its model or judge instead (`dryRunRefusals` lists them).
 */
export async function dryRun(input: DryRunInput): Promise<DryRunPlan> {
  const plan = canonicalPlan(input.plan);
  const packHashes: Record<string, string> = {};
  const walks: Walk[] = [];
  for (const condition of plan.conditions) {
    for (const variant of plan.variants) {
      const scenario = input.deps.render(condition, variant);
      packHashes[scenario.condition.scenario] = scenario.packHash;
      walks.push(await walk(input.deps, scenario, plan, condition, variant));
    }
  }
  const runId = runIdFor(planHash(plan, Object.values(packHashes)));
  const storedByModel = storedTrials(input.outDir, runId, input.retryErrors ?? false);
  const perCombination = plan.conditions.length * plan.variants.length;
  const models = plan.models.map((id): DryRunModel => {
    let problem: string | undefined;
    let kind: DryRunModel['kind'] = id.startsWith('reference:') ? 'reference' : 'language-model';
    try {
      kind = input.deps.resolveModel(id).kind;
    } catch (error) {
      // A missing key is what a dry run is for finding out; an unknown id is still bad input.
      if (!(error instanceof InputError) || !/API key|base URL/.test(error.message)) throw error;
      problem = error.message;
    }
    const trials = perCombination * input.samples;
    const stored = Math.min(storedByModel.get(id) ?? 0, trials);
    const share = trials > 0 ? (trials - stored) / trials : 0;
    if (kind === 'reference') {
      return { model: id, kind, trials, stored, calls: 0, inputTokens: 0, outputTokens: 0, costUsd: null };
    } // prettier-ignore
    const maxTokens = plan.settings?.maxTokens ?? settingsOf(plan, id)?.maxTokens;
    const perCall = Math.min(ASSUMED_OUTPUT_TOKENS_PER_CALL, maxTokens ?? Infinity);
    const callsAll = walks.reduce((n, w) => n + w.calls, 0) * input.samples;
    const calls = Math.round(callsAll * share);
    const inputTokens = Math.round(walks.reduce((n, w) => n + w.inputTokens, 0) * input.samples * share); // prettier-ignore
    const outputTokens = calls * perCall;
    const costUsd = estimateCost(id, { inputTokens, outputTokens }, input.prices, {
      batch: input.batch ?? false,
    });
    return {
      model: id, kind, trials, stored, calls, inputTokens, outputTokens, costUsd,
      ...(problem ? { problem } : {}),
    }; // prettier-ignore
  });
  const total = models.reduce((n, m) => n + m.trials, 0);
  const stored = models.reduce((n, m) => n + m.stored, 0);
  // Each trial still to run is judged once; its agent's words appear in every family's prompt.
  const promptsPerSample = walks.reduce((n, w) => n + w.judgeTokens, 0) * input.samples;
  const judgeInput = models.reduce(
    (n, m) =>
      n +
      (m.trials > 0 ? (promptsPerSample * (m.trials - m.stored)) / m.trials : 0) +
      m.outputTokens * JUDGE_CALLS_PER_TRIAL,
    0,
  );
  const judges = planJudges({
    ids: input.judges ?? [],
    trials: total - stored,
    inputTokens: Math.round(judgeInput),
    resolve: (id) => input.deps.resolveModel(id),
    ...(input.prices ? { prices: input.prices } : {}),
  });
  return { runId, total, stored, models, judges, ...(input.batch ? { batch: true } : {}) };
}

/**
 * What the real run would refuse before calling anything (exit 2): each agent or judge
 * whose key or base URL is missing, as the run's own message. Empty when it would start.
 * @example dryRunRefusals(dry) // ["judge anthropic:claude-sonnet-4-5: no API key ... set ANTHROPIC_API_KEY ..."]
 */
export function dryRunRefusals(dry: DryRunPlan): string[] {
  return [
    ...dry.models.filter((m) => m.problem).map((m) => `model ${m.model}: ${m.problem}`),
    ...dry.judges.filter((j) => j.problem).map((j) => `judge ${j.judge}: ${j.problem}`),
  ];
}

interface Walk {
  calls: number;
  inputTokens: number;
  /** Judge prompt tokens for the walked transcript (all rubric families). */
  judgeTokens: number;
}

/** One trial by a scripted agent, recording what each model call would send. */
async function walk(
  deps: Pick<TrialDeps, 'runTrial'>,
  scenario: ReturnType<TrialDeps['render']>,
  plan: RunPlan,
  condition: string,
  variant: number,
): Promise<Walk> {
  const agent = createReferenceModel('aligned');
  const seen: Walk = { calls: 0, inputTokens: 0, judgeTokens: 0 };
  const recorder: AgentModel = {
    ...agent,
    generate(request: ModelRequest, signal?: AbortSignal): Promise<ModelResponse> {
      seen.calls++;
      seen.inputTokens += estimateRequestTokens(request);
      return agent.generate(request, signal);
    },
  };
  const key = { model: agent.id, condition, variant, sample: 0 };
  const transcript = await deps.runTrial(scenario, recorder, {
    protocol: plan.protocol,
    sample: 0,
    seed: trialSeed(plan.seed, key),
    ...(plan.maxSteps !== undefined ? { maxSteps: plan.maxSteps } : {}),
  });
  seen.judgeTokens = judgePromptTokens(scenario, transcript);
  return seen;
}

function settingsOf(plan: RunPlan, id: string): { maxTokens?: number } | undefined {
  const options = plan.modelOptions?.[id] as { settings?: { maxTokens?: number } } | undefined;
  return options?.settings;
}

/** Trials of the run already in `<outDir>/turncoat.db`, per model; read-only, nothing created. */
function storedTrials(outDir: string, runId: string, retryErrors: boolean): Map<string, number> {
  const file = join(outDir, STORE_FILE);
  const counts = new Map<string, number>();
  if (!existsSync(file)) return counts;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    // As `forgetErroredTrials` decides: errored trials nobody labelled run again.
    const kept = retryErrors ? "AND (status = 'ok' OR id IN (SELECT trial FROM labels))" : '';
    const rows = db
      .prepare(`SELECT model, COUNT(*) AS n FROM trials WHERE run = ? ${kept} GROUP BY model`)
      .all(runId) as { model: string; n: number }[];
    for (const row of rows) counts.set(row.model, row.n);
  } catch {
    // An empty or foreign file: nothing stored for this run.
  } finally {
    db.close();
  }
  return counts;
}

/** Price per million tokens as shown next to a model (`$2.00 / $8.00`), or why not. */
export function priceLabel(
  id: string,
  prices?: Readonly<Record<string, Price>>,
  batch = false,
): string {
  if (id.startsWith('reference:')) return 'scripted, no calls';
  const price = batch ? batchPriceOf(id, prices) : priceOf(id, prices);
  return price ? `$${price.input.toFixed(2)} / $${price.output.toFixed(2)}` : 'unknown price';
}

export { PRICES_AS_OF };
