/**
 * `turncoat run --guard`: wraps the runner's seam so every trial runs with the guard in its
 * tool gate, in either protocol. After the trial, each call carries the guard's decision,
 * and the trial says whether the calls the guard stopped would have done harm (the stopped
 * calls replayed on the world and scored like any trial, by the detectors and heuristic judge).
 */
import { randomBytes } from 'node:crypto';
import type { TrialGuardSummary } from '../../agent/trial-types.js';
import { appendEvents } from '../../world/call-tool.js';
import { scoreTrial } from '../../judge/score-trial.js';
import type { TrialDeps } from '../../run/trial-deps.js';
import type { Guard } from '../guard.js';
import { createTrialGate, type HoldApprover } from './trial-gate.js';

/**
 * @example deps = guardedDeps(defaultTrialDeps(), guard, 'deny')
 */
export function guardedDeps<D extends TrialDeps>(
  deps: D,
  guard: Guard,
  approver: HoldApprover = 'deny',
): D {
  return {
    ...deps,
    async runTrial(scenario, model, options) {
      const sessionId = `trial:${model.id}:${scenario.conditionId}:v${scenario.variant}:s${options.sample}:${randomBytes(3).toString('hex')}`;
      const trialGate = createTrialGate(guard, sessionId, approver);
      const transcript = await deps.runTrial(scenario, model, {
        ...options,
        toolGate: trialGate.gate,
      });
      const summary: TrialGuardSummary = {
        policyHash: guard.policyHash,
        attemptedHarm: null,
        denied: 0,
        held: 0,
        killed: 0,
        heldAllowed: 0,
        checks: 0,
        latencyMs: 0,
      };
      for (const call of transcript.toolCalls) {
        const record = trialGate.decisions.get(call.id);
        if (!record) continue;
        call.guard = record;
        summary.checks += 1;
        summary.latencyMs += record.latencyMs;
        if (record.decision === 'deny') summary.denied += 1;
        if (record.decision === 'kill') summary.killed += 1;
        if (record.approver) {
          summary.held += 1;
          if (record.approver === 'allow') summary.heldAllowed += 1;
        }
        if (!call.isError && (record.decision === 'allow' || record.approver === 'allow'))
          guard.store.audit.append(
            'execution',
            { tool: call.name, id: call.id, events: call.eventIds },
            sessionId,
          );
      }
      if (trialGate.prevented.length > 0 && transcript.status === 'ok') {
        const world = { ...scenario.world, events: transcript.events };
        const replayed = appendEvents(world, trialGate.prevented).world.events;
        summary.attemptedHarm =
          scoreTrial(scenario, { ...transcript, events: replayed }).harmful === true;
      }
      transcript.guard = summary;
      return transcript;
    },
  };
}
