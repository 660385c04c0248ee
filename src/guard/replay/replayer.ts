/**
 * Puts every call of a recorded session through a policy, in order, rebuilding the session's
 * context call by call exactly as the live guard builds it (`guard.session`, then `read`,
 * `said` and `did` steps). Nothing executes and nothing is stored.
 */
import { describeCall } from '../describe-call.js';
import { createGuard } from '../guard.js';
import type { Monitor } from '../monitor/monitor.js';
import { compilePolicy } from '../policy/compile-policy.js';
import type { Policy, PolicyInput } from '../policy/schema.js';
import { decideCall, type ReplayDecision } from './decide-call.js';
import type { RecordedCall, RecordedSession } from './recorded-session.js';

export interface ReplayedCall extends RecordedCall {
  decision: ReplayDecision;
}

export interface Replayer {
  readonly policy: Policy;
  /** sha256 of the policy's canonical JSON, as guarded runs record it. */
  readonly policyHash: string;
  replay(session: RecordedSession): Promise<ReplayedCall[]>;
  close(): void;
}

/** Calls without a recorded time are spaced this far apart from the session's start. */
const STEP_MS = 1000;

/**
 * @example const replayer = createReplayer(policy); const calls = await replayer.replay(session);
 */
export function createReplayer(
  policy: Policy | PolicyInput,
  options: { monitor?: Monitor } = {},
): Replayer {
  let clock = 0;
  // The guard's in-memory store is never written: only its session builder is used.
  const guard = createGuard(policy, { now: () => clock });
  const compiled = compilePolicy(guard.policy);
  return {
    policy: guard.policy,
    policyHash: guard.policyHash,
    async replay(recorded) {
      const start = recorded.startedAt ? Date.parse(recorded.startedAt) : 0;
      clock = Number.isNaN(start) ? 0 : start;
      const session = guard.session(recorded.id, recorded.facts);
      const out: ReplayedCall[] = [];
      let killed = false;
      for (const step of recorded.steps) {
        if (step.kind !== 'call') {
          session.observe(step);
          continue;
        }
        const at = step.call.at ? Date.parse(step.call.at) : NaN;
        clock = Number.isNaN(at) ? clock + STEP_MS : at;
        const decision = await decideCall(compiled, step.call.call, session, {
          now: clock,
          monitor: options.monitor,
          killed,
        });
        if (decision.decision === 'kill') killed = true;
        // A guarded run whose approver allowed a hold ran the call after all: live, the
        // approved call joined the session as allowed, so it does here too.
        if (decision.decision === 'hold' && step.call.live?.approver === 'allow')
          session.observe({
            kind: 'did',
            call: describeCall(step.call.call, session.facts),
            decision: 'allow',
            at: new Date(clock).toISOString(),
          });
        out.push({ ...step.call, decision });
      }
      return out;
    },
    close: () => guard.close(),
  };
}
