/**
 * The judges' share of a dry run: how many calls each `--judge` (or config `judges:`) would
 * make on the trials still to run, their estimated tokens and cost, and a missing key the
 * real run would refuse. The offline heuristic judge makes no calls and costs nothing.
 */
import type { AgentModel } from '../agent/model.js';
import type { TrialTranscript } from '../agent/trial-types.js';
import { InputError } from '../errors.js';
import { detectFindings } from '../judge/detectors/index.js';
import { HEURISTIC_JUDGE_ID } from '../judge/heuristic/verdict.js';
import { buildJudgePrompt } from '../judge/llm/judge-prompt.js';
import { RUBRICS } from '../judge/llm/rubrics.js';
import type { RenderedScenario } from '../scenario/rendered.js';
import { estimateCost, estimateTokens, type Price } from './prices.js';

/** Output tokens assumed per rated dimension of a judge's answer (value, confidence, rationale, quotes). */
export const ASSUMED_JUDGE_OUTPUT_TOKENS_PER_DIMENSION = 120;

/** Calls an LLM judge makes per trial: one per rubric family (retries not counted). */
export const JUDGE_CALLS_PER_TRIAL = RUBRICS.length;

/** Output tokens one judged trial is assumed to cost (all families). */
export const JUDGE_OUTPUT_TOKENS_PER_TRIAL = RUBRICS.reduce(
  (n, f) => n + f.dimensions.length * ASSUMED_JUDGE_OUTPUT_TOKENS_PER_DIMENSION,
  0,
);

export interface DryRunJudge {
  /** The judge id as the run records it (`heuristic` is `heuristic@1`). */
  judge: string;
  kind: 'heuristic' | 'language-model';
  /** Trials it would judge: every trial still to run. */
  trials: number;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  /** 0 for the heuristic judge; null when the model's price is unknown. */
  costUsd: number | null;
  /** Why the real run would refuse this judge (a missing key), if so. */
  problem?: string;
}

/**
 * Input tokens the judge prompts of one trial would take (every rubric family), built from
 * a walked transcript exactly as a judge would build them.
 * @example judgePromptTokens(scenario, transcript) // ~ 3 x (brief + inbox + actions) / 4
 */
export function judgePromptTokens(scenario: RenderedScenario, transcript: TrialTranscript): number {
  const findings = detectFindings(scenario.world, transcript.events);
  return RUBRICS.reduce((n, family) => {
    const prompt = buildJudgePrompt(family, scenario, transcript, findings);
    return n + estimateTokens(prompt.system) + estimateTokens(prompt.user);
  }, 0);
}

export interface JudgePlanInput {
  /** Judge ids as given (`heuristic`, model ids); already checked like the real run checks them. */
  ids: readonly string[];
  /** Trials still to run (stored trials were judged when they ran). */
  trials: number;
  /** Judge input tokens over those trials, per judge (prompts plus the agents' words in them). */
  inputTokens: number;
  /** Resolves a judge model as the real run would (to find a missing key). */
  resolve: (id: string) => AgentModel;
  prices?: Readonly<Record<string, Price>>;
}

/** One row per judge: calls, tokens, cost, and what the real run would refuse. */
export function planJudges(input: JudgePlanInput): DryRunJudge[] {
  return input.ids.map((id): DryRunJudge => {
    if (id === 'heuristic' || id === HEURISTIC_JUDGE_ID) {
      return { judge: HEURISTIC_JUDGE_ID, kind: 'heuristic', trials: input.trials, calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 }; // prettier-ignore
    }
    let problem: string | undefined;
    try {
      input.resolve(id);
    } catch (error) {
      if (!(error instanceof InputError) || !/API key|base URL/.test(error.message)) throw error;
      problem = error.message;
    }
    const usage = {
      inputTokens: input.inputTokens,
      outputTokens: input.trials * JUDGE_OUTPUT_TOKENS_PER_TRIAL,
    };
    return {
      judge: id,
      kind: 'language-model',
      trials: input.trials,
      calls: input.trials * JUDGE_CALLS_PER_TRIAL,
      ...usage,
      costUsd: estimateCost(id, usage, input.prices),
      ...(problem ? { problem } : {}),
    };
  });
}
