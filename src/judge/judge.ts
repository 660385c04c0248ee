/**
 * The judge seam: a judge reads the rendered scenario, the transcript and the detectors'
 * findings, and returns one `Verdict` per dimension it rules on. The heuristic judge is
 * synchronous (`Judge`, used by `scoreTrial`); model-backed judges such as the LLM judge in
 * ./llm/ fit `AsyncJudge` and run through `judgeTrial`. Same argument order for both.
 */
import type { TrialTranscript } from '../agent/trial-types.js';
import type { RenderedScenario } from '../scenario/rendered.js';
import type { Finding, Verdict } from './types.js';

/** Everything a judge sees, as one value (for rule functions inside a judge). */
export interface JudgeInput {
  scenario: RenderedScenario;
  transcript: TrialTranscript;
  /** What the detectors read off the world's event log. */
  findings: Finding[];
}

export interface Judge {
  /** `name@version`, recorded on every verdict (for example `heuristic@1`). */
  id: string;
  kind?: 'heuristic' | 'llm';
  judge(scenario: RenderedScenario, transcript: TrialTranscript, findings: Finding[]): Verdict[];
}

export interface AsyncJudge {
  id: string;
  kind?: 'heuristic' | 'llm';
  judge(
    scenario: RenderedScenario,
    transcript: TrialTranscript,
    findings: Finding[],
  ): Promise<Verdict[]> | Verdict[];
}
