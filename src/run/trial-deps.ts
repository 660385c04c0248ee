import type { AgentModel } from '../agent/model.js';
import type { TrialOptions, TrialTranscript } from '../agent/trial-types.js';
import type { TrialVerdict } from '../judge/types.js';
import type { RenderedScenario } from '../scenario/rendered.js';
import type { Db } from '../store/open-database.js';

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
   * Wraps a resolved model once the store is open (rate limits, retries, response cache).
   * Optional: without it models are used as resolved.
   */
  wrapModel?(model: AgentModel, db: Db): AgentModel;
  runTrial(
    scenario: RenderedScenario,
    model: AgentModel,
    options: TrialOptions,
  ): Promise<TrialTranscript>;
  scoreTrial(scenario: RenderedScenario, transcript: TrialTranscript): TrialVerdict;
}
