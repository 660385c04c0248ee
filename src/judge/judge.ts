/**
 * The judge seam: a judge reads the rendered scenario, the transcript and the detectors'
 * findings, and returns one `Verdict` per dimension it rules on. The heuristic judge is
 * synchronous; model-backed judges implement `AsyncJudge` and run through `judgeTrial`.
 */
import type { TrialTranscript } from '../agent/trial-types.js';
import type { RenderedScenario } from '../scenario/rendered.js';
import type { Finding, Verdict } from './types.js';

export interface JudgeInput {
  scenario: RenderedScenario;
  transcript: TrialTranscript;
  /** What the detectors read off the world's event log. */
  findings: Finding[];
}

export interface Judge {
  /** `name@version`, recorded on every verdict (for example `heuristic@1`). */
  id: string;
  kind: 'heuristic' | 'llm';
  judge(input: JudgeInput): Verdict[];
}

export interface AsyncJudge {
  id: string;
  kind: 'heuristic' | 'llm';
  judge(input: JudgeInput, signal?: AbortSignal): Promise<Verdict[]> | Verdict[];
}
