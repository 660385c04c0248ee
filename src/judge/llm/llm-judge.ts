/**
 * The LLM judge: one call per rubric family (primary harms, other behaviours, reasoning),
 * temperature 0, JSON answers validated by zod. A reply that cannot be parsed, or a call
 * that fails, is retried; after the last attempt every dimension of that family comes back
 * `unscored` with the error's category. Never "not harmful".
 */
import type { AgentModel } from '../../agent/model.js';
import type { ErrorCategory, TrialError, TrialTranscript } from '../../agent/trial-types.js';
import { classifyProviderError, ProviderError } from '../../agent/providers/classify-error.js';
import type { RenderedScenario } from '../../scenario/rendered.js';
import type { AsyncJudge } from '../judge.js';
import type { Finding, Verdict } from '../types.js';
import { findJudgeDirectedText } from './judge-directed-text.js';
import { buildJudgePrompt, type JudgePromptOptions } from './judge-prompt.js';
import { parseJudgement, type DimensionAnswer } from './judgement-schema.js';
import { locateQuotes } from './locate-quotes.js';
import { PROMPT_VERSION, RUBRICS, type RubricFamily, type RubricFamilyId } from './rubrics.js';

/** A verdict with what produced it; stored as a `Verdict` (the extra fields are optional there). */
export interface LlmVerdict extends Verdict {
  promptVersion: string;
  /** Model calls made for this verdict's family, including failed ones. */
  attempts: number;
  /** Why the verdict is unscored. */
  error?: TrialError;
  /** Agent-written passages addressed to a judge, when the transcript has any. */
  judgeDirectedText?: string[];
}

/** An LLM judge fits the judge seam (`AsyncJudge`), so `judgeTrial` can run it directly. */
export interface LlmJudge extends AsyncJudge {
  kind: 'llm';
  promptVersion: string;
  judge(
    scenario: RenderedScenario,
    transcript: TrialTranscript,
    findings: Finding[],
    signal?: AbortSignal,
  ): Promise<LlmVerdict[]>;
}

export interface LlmJudgeOptions extends JudgePromptOptions {
  /** Judge id recorded on verdicts; defaults to the model id. */
  id?: string;
  /** Calls per family before giving up (default 3). */
  attempts?: number;
  /** Per-call timeout (default 120 s). */
  timeoutMs?: number;
  /** Wait before retry n is n * retryDelayMs (default 1000; a provider's Retry-After wins). */
  retryDelayMs?: number;
  maxTokens?: number;
  /** Only these families (default all three). */
  families?: RubricFamilyId[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type FamilyOutcome =
  | { ok: true; answers: Record<string, DimensionAnswer>; attempts: number }
  | { ok: false; error: TrialError; attempts: number };

/**
 * Creates an LLM judge on any `AgentModel`.
 * @example const judge = createLlmJudge(createProviderModel('openai:gpt-4.1')); await judge.judge(scenario, transcript, findings)
 */
export function createLlmJudge(model: AgentModel, options: LlmJudgeOptions = {}): LlmJudge {
  const id = options.id ?? model.id;
  const attempts = Math.max(1, options.attempts ?? 3);
  const timeoutMs = options.timeoutMs ?? 120_000;
  const retryDelayMs = options.retryDelayMs ?? 1000;
  const families = RUBRICS.filter((f) => !options.families || options.families.includes(f.id));

  async function askFamily(
    family: RubricFamily,
    scenario: RenderedScenario,
    transcript: TrialTranscript,
    findings: Finding[],
    signal: AbortSignal | undefined,
  ): Promise<FamilyOutcome> {
    let last: TrialError = { category: 'internal', message: 'no attempt made' };
    let lastSignal: AbortSignal | undefined;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1) await sleep(retryDelayMs * (attempt - 1));
      // The attempt salts the nonce: a retry is a new prompt, never the cached bad answer.
      const prompt = buildJudgePrompt(family, scenario, transcript, findings, {
        ...options,
        salt: `attempt ${attempt}`,
      });
      try {
        const callSignal = signal
          ? AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)])
          : AbortSignal.timeout(timeoutMs);
        lastSignal = callSignal;
        const response = await model.generate(
          {
            system: prompt.system,
            messages: [{ role: 'user', content: prompt.user }],
            settings: { temperature: 0, maxTokens: options.maxTokens ?? 2000, timeoutMs },
            sample: 0,
            seed: 0,
          },
          callSignal,
        );
        const parsed = parseJudgement(response.text, family);
        if (parsed.ok) return { ok: true, answers: parsed.answers, attempts: attempt };
        last = { category: 'invalid-response', message: parsed.error };
      } catch (error) {
        const c = classifyProviderError(error);
        last = { category: c.category, message: c.message };
        // A model wrapped in the run's retry stack has already retried this failure (and its
        // own attempts count says so): retrying it again here would multiply the calls.
        const retriedBelow =
          error instanceof ProviderError && error.attempts > 1 && !lastSignal?.aborted;
        if (!c.retryable || signal?.aborted || retriedBelow)
          return { ok: false, error: last, attempts: attempt };
        if (c.retryAfterMs !== undefined) await sleep(Math.min(c.retryAfterMs, 60_000));
      }
    }
    return { ok: false, error: last, attempts };
  }

  return {
    id,
    kind: 'llm',
    promptVersion: PROMPT_VERSION,
    async judge(scenario, transcript, findings, signal) {
      const directed = findJudgeDirectedText(transcript);
      const common = {
        judge: id,
        promptVersion: PROMPT_VERSION,
        ...(directed.length && { judgeDirectedText: directed }),
      };
      if (transcript.status === 'error') {
        const error = transcript.error ?? {
          category: 'internal' as ErrorCategory,
          message: 'trial failed',
        };
        return families.flatMap((f) =>
          f.dimensions.map((d) =>
            unscored(
              d.dimension,
              { ...common, attempts: 0, error },
              'the trial itself failed; nothing to judge',
            ),
          ),
        );
      }
      const outcomes = await Promise.all(
        families.map((f) => askFamily(f, scenario, transcript, findings, signal)),
      );
      return families.flatMap((family, i) => {
        const outcome = outcomes[i]!;
        return family.dimensions.map((d): LlmVerdict => {
          if (!outcome.ok) {
            return unscored(
              d.dimension,
              { ...common, attempts: outcome.attempts, error: outcome.error },
              `unscored after ${outcome.attempts} attempt(s): ${outcome.error.category}: ${outcome.error.message}`,
            );
          }
          const answer = outcome.answers[d.dimension]!;
          const { evidence, unmatched } = locateQuotes(answer.quotes, scenario, transcript);
          const note = unmatched.length
            ? ` [${unmatched.length} quote(s) not found in the transcript were dropped]`
            : '';
          return {
            dimension: d.dimension,
            status: 'scored',
            value: answer.value,
            confidence: answer.confidence,
            rationale: answer.rationale + note,
            evidence,
            ...common,
            attempts: outcome.attempts,
          };
        });
      });
    },
  };
}

function unscored(
  dimension: string,
  meta: {
    judge: string;
    promptVersion: string;
    attempts: number;
    error: TrialError;
    judgeDirectedText?: string[];
  },
  rationale: string,
): LlmVerdict {
  return {
    dimension,
    status: 'unscored',
    value: null,
    confidence: 0,
    rationale,
    evidence: [],
    ...meta,
  };
}
