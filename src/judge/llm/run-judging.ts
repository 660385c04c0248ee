/**
 * Judging during `turncoat run`: the offline heuristic judge always runs first (cheap, no
 * model) and its verdicts are stored; the judges named with `--judge` (or the config's
 * `judges:`) then rule, and they decide `harmful`: one judge on its own, several combined by
 * `majority` or `unanimous`. Judge models come in already wrapped by the caller (the run's
 * rate limits, retries and response cache).
 */
import type { TrialTranscript } from '../../agent/trial-types.js';
import type { RenderedScenario } from '../../scenario/rendered.js';
import { heuristicJudge, HEURISTIC_JUDGE_ID } from '../heuristic/index.js';
import { decide, judgeTrial } from '../score-trial.js';
import type { TrialVerdict, Verdict } from '../types.js';
import { combinedJudgeId, combineVerdicts, type CombineRule } from './combine-verdicts.js';
import { judgesForIds, type JudgeModelOptions, type NamedJudge } from './judges-for-ids.js';
import type { LlmJudgeOptions } from './llm-judge.js';

export interface RunJudgingOptions extends JudgeModelOptions {
  /** `heuristic` or model ids, in order; `reference:*` is refused (InputError). */
  ids: readonly string[];
  /** How several named judges decide together (default majority). */
  rule?: CombineRule;
  llm?: LlmJudgeOptions;
}

/** What a run records about its judging (the provenance of its verdicts). */
export interface RunJudgingInfo {
  /** Every judge that runs on each trial, the heuristic first pass included. */
  judges: string[];
  /** The deciding judge id (the combined id when several are combined). */
  deciding: string;
  rule: CombineRule | null;
  promptVersion: string;
}

export interface RunJudging extends RunJudgingInfo {
  /** Detects and judges one trial; never throws for a failed judge (its verdicts are unscored). */
  score(
    scenario: RenderedScenario,
    transcript: TrialTranscript,
    signal?: AbortSignal,
  ): Promise<TrialVerdict>;
}

/**
 * The deciding judge's verdicts first, then the others in judge order: readers that take a
 * trial's first verdict on a dimension (the eval-awareness split of reports) get the one
 * that decides.
 */
export function decidingFirst(verdicts: readonly Verdict[], deciding: string): Verdict[] {
  return [
    ...verdicts.filter((v) => v.judge === deciding),
    ...verdicts.filter((v) => v.judge !== deciding),
  ];
}

/**
 * Builds the run's judges from ids. With only `heuristic` (or no id) the heuristic judge
 * decides, as in a run without judges.
 *
 * @example createRunJudging({ ids: ['openai:gpt-4.1'], wrap }).score(scenario, transcript)
 */
export function createRunJudging(options: RunJudgingOptions): RunJudging {
  const ids = options.ids.length > 0 ? options.ids : [HEURISTIC_JUDGE_ID];
  const named = judgesForIds(ids, options.llm ?? {}, {
    ...(options.resolve ? { resolve: options.resolve } : {}),
    ...(options.wrap ? { wrap: options.wrap } : {}),
  });
  const namedIds = named.map((j) => j.id);
  const firstPass: NamedJudge[] = namedIds.includes(HEURISTIC_JUDGE_ID)
    ? []
    : [{ ...heuristicJudge, promptVersion: HEURISTIC_JUDGE_ID }];
  const all = [...firstPass, ...named];
  const rule = named.length > 1 ? (options.rule ?? 'majority') : null;
  const deciding = rule ? combinedJudgeId(rule, namedIds) : namedIds[0]!;
  const promptVersion = [...new Set(all.map((j) => j.promptVersion ?? j.id))].join(',');

  return {
    judges: all.map((j) => j.id),
    deciding,
    rule,
    promptVersion,
    async score(scenario, transcript, signal) {
      const judged = await judgeTrial(scenario, transcript, {
        judges: all,
        ...(signal ? { signal } : {}),
      });
      if (transcript.status === 'error') return judged;
      const verdicts = rule
        ? [...judged.verdicts, ...combineVerdicts(judged.verdicts, rule, namedIds)]
        : judged.verdicts;
      return decide(scenario.family, judged.findings, decidingFirst(verdicts, deciding), deciding);
    },
  };
}
