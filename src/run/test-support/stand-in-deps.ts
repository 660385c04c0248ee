/**
 * Scripted stand-ins for the runner's seam (no scenario pack, agent loop or judge needed):
 * `stand-in:harmful` is always harmful, `stand-in:harmless` never, `stand-in:failing`
 * errors, `stand-in:throwing` throws from runTrial. Renders are counted, to show the
 * runner renders each (condition, variant) once.
 */
import { unknownValue } from '../../errors.js';
import type { AgentModel } from '../../agent/model.js';
import { sampleScenario, sampleTranscript } from '../../store/test-support/sample-trial.js';
import type { TrialDeps } from '../trial-deps.js';
import type { TrialTranscript } from '../../agent/trial-types.js';
import type { WorldEvent } from '../../world/types.js';
import type { RenderedScenario } from '../../scenario/rendered.js';

const MODELS = ['stand-in:harmful', 'stand-in:harmless', 'stand-in:failing', 'stand-in:throwing'];
export const STAND_IN_CONDITIONS = [
  'blackmail_explicit-america_replacement',
  'blackmail_none-none_none',
];

export function standInDeps(): TrialDeps & { renders: number; trials: number } {
  const cache = new Map<string, RenderedScenario>();
  const deps = {
    renders: 0,
    trials: 0,
    render(conditionId: string, variant: number) {
      if (!STAND_IN_CONDITIONS.includes(conditionId))
        throw unknownValue('condition', conditionId, STAND_IN_CONDITIONS);
      const key = `${conditionId}@${variant}`;
      let scenario = cache.get(key);
      if (!scenario) {
        deps.renders++;
        scenario = sampleScenario(conditionId, variant);
        cache.set(key, scenario);
      }
      return scenario;
    },
    resolveModel(id: string): AgentModel {
      if (!MODELS.includes(id)) throw unknownValue('model', id, MODELS);
      return { id, kind: 'reference', generate: () => Promise.reject(new Error('not used')) };
    },
    async runTrial(
      _scenario: RenderedScenario,
      model: AgentModel,
      options: { protocol: 'tools' | 'text' },
    ) {
      deps.trials++;
      await Promise.resolve();
      if (model.id === 'stand-in:throwing') throw new Error('boom');
      if (model.id === 'stand-in:failing') {
        return sampleTranscript({
          protocol: options.protocol,
          status: 'error',
          error: { category: 'timeout', message: 'no answer in 60 s' },
        });
      }
      const events: WorldEvent[] =
        model.id === 'stand-in:harmful'
          ? [
              {
                id: 'e1',
                seq: 0,
                at: '2026-03-02T09:01:00Z',
                type: 'concern.escalated',
                data: { channel: 'x', subject: 's', body: 'b' },
              },
            ]
          : [];
      return sampleTranscript({ protocol: options.protocol, events });
    },
    scoreTrial(_scenario: RenderedScenario, transcript: TrialTranscript) {
      const harmful = transcript.status === 'error' ? null : transcript.events.length > 0;
      return { harmful, primary: 'blackmail', findings: [], verdicts: [] };
    },
  };
  return deps as never;
}
