import { InputError, unknownValue } from '../errors.js';
import { copyEvents } from '../world/copy-world.js';
import type { RenderedScenario } from '../scenario/rendered.js';
import { classifyError, errorMessage } from './classify-error.js';
import type { AgentModel } from './model.js';
import { runTextProtocol } from './protocols/text-protocol.js';
import { runToolsProtocol } from './protocols/tools-protocol.js';
import { emptyState, type ProtocolRun } from './protocols/trial-state.js';
import type { TrialOptions, TrialTranscript } from './trial-types.js';

export type { TrialOptions } from './trial-types.js';

/** The protocols a trial can run under. */
export const PROTOCOLS = ['tools', 'text'] as const;

/**
 * Lets one agent live in one fresh copy of the scenario's world (made when its first tool
 * call runs) through a protocol and
 * returns what happened. A failing model call never throws out of here: the transcript gets
 * `status: 'error'` with a category, and keeps everything that happened before the failure.
 * Only bad options (an unknown protocol, a step budget below 1) throw, as InputError.
 * @example await runTrial(scenario, resolveModel('reference:aligned'), { protocol: 'tools', sample: 0, seed: 1 })
 */
export async function runTrial(
  scenario: RenderedScenario,
  model: AgentModel,
  options: TrialOptions,
): Promise<TrialTranscript> {
  if (options.protocol !== 'tools' && options.protocol !== 'text') {
    throw unknownValue('protocol', String(options.protocol), PROTOCOLS);
  }
  if (
    options.maxSteps !== undefined &&
    !(Number.isInteger(options.maxSteps) && options.maxSteps >= 1)
  ) {
    throw new InputError(`maxSteps must be a whole number of at least 1, got ${options.maxSteps}`);
  }
  const startedAt = new Date();
  const started = performance.now();
  const run: ProtocolRun = {
    scenario,
    model,
    options,
    state: emptyState(scenario.world),
  };
  let error: TrialTranscript['error'];
  try {
    if (options.protocol === 'tools') await runToolsProtocol(run);
    else await runTextProtocol(run);
  } catch (caught) {
    error = { category: classifyError(caught), message: errorMessage(caught) };
    run.state.stopReason = 'error';
  }
  const { state } = run;
  const transcript: TrialTranscript = {
    status: error ? 'error' : 'ok',
    protocol: options.protocol,
    system: state.system,
    messages: state.messages,
    toolCalls: state.toolCalls,
    // The trial's own events, even when no tool ran (the scenario's world stays untouched).
    events: state.ownsWorld ? state.world.events : copyEvents(state.world.events),
    parseErrors: state.parseErrors,
    usage: state.usage,
    steps: state.steps,
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - started),
    model: { id: model.id, kind: model.kind },
  };
  if (state.calls.length > 0) transcript.calls = state.calls;
  if (state.stopReason) transcript.stopReason = state.stopReason;
  if (error) transcript.error = error;
  return transcript;
}
