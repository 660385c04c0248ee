import type { AgentModel } from '../agent/model.js';
import type { TrialOptions, TrialTranscript } from '../agent/trial-types.js';
import type { RunJudgingInfo } from '../judge/llm/run-judging.js';
import type { TrialVerdict } from '../judge/types.js';
import type { RenderedScenario } from '../scenario/rendered.js';
import type { Db } from '../store/open-database.js';
import type { RetryHooks } from './retry.js';

/**
 * What the runner needs from the rest of turncoat, as one seam: tests pass scripted
 * stand-ins, `defaultTrialDeps()` wires the real catalog, agents and judges.
 */
export interface TrialDeps {
  /** Renders (memoised) one condition in one surface variant; throws InputError when unknown. */
  render(conditionId: string, variant: number): RenderedScenario;
  /** Throws InputError for an unknown model id. */
  resolveModel(id: string): AgentModel;
  /**
   * Wraps a resolved model once the store is open (rate limits, retries, response cache);
   * `hooks` hear every retry (the run turns them into progress events).
   * Optional: without it models are used as resolved. `run` is given for the run's agents
   * (not its judges): `--batch` keeps their batches under it.
   */
  wrapModel?(model: AgentModel, db: Db, hooks?: RetryHooks, run?: string): AgentModel;
  runTrial(
    scenario: RenderedScenario,
    model: AgentModel,
    options: TrialOptions,
  ): Promise<TrialTranscript>;
  /** Detects and judges a trial; async when model judges run (`--judge`). */
  scoreTrial(
    scenario: RenderedScenario,
    transcript: TrialTranscript,
    signal?: AbortSignal,
  ): TrialVerdict | Promise<TrialVerdict>;
  /**
   * Called once the store is open, before any trial: sets up the judges given with
   * `--judge` (their models wrapped like the agents'). Returns what the run records as its
   * judging pass, or undefined when the heuristic judge decides alone.
   */
  openJudging?(db: Db): RunJudgingInfo | undefined;
}
