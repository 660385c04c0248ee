import { InputError } from '../../errors.js';
import type { Guard } from '../guard.js';
import { GuardKilledError } from '../guard.js';
import type { AuditKind } from '../records.js';
import type { SessionContext } from '../session.js';
import { silentNotifier, type Notifier } from '../notify/webhook.js';
import { guardAnnotations } from './annotations.js';
import type { BoundaryDecision, BoundaryGuard } from './boundary-guard.js';
import { neverAllowed } from './hidden-tools.js';

/**
 * Audit kind of what happens at the MCP boundary besides decisions (sessions opening and
 * ending, a server crash, a client gone, a malformed message).
 */
const BOUNDARY: AuditKind = 'boundary';

export interface BoundaryGuardOptions {
  /** Told about every hold, deny and kill (a webhook); never waited for. */
  notifier?: Notifier;
  /** Leave tools the policy never allows out of `tools/list` (default true). */
  hideNeverAllowed?: boolean;
}

/**
 * The real guard at the MCP boundary: one guard session per MCP session, MCP annotations
 * turned into the guard's, every allowed call's result fed back into the session (so flow
 * rules see what the agent read), and holds remembered per session so that the same call
 * made again after a person approved it spends that approval exactly once.
 *
 * @example
 * const guard = createGuard(loadPolicyFile('policy.yaml').policy, { store: openGuardStore('./turncoat-out') });
 * await runStdioProxy({ command: 'npx', args: ['my-mcp-server'], guard: guardAtBoundary(guard) });
 */
export function guardAtBoundary(guard: Guard, options: BoundaryGuardOptions = {}): BoundaryGuard {
  const store = guard.store;
  const notifier = options.notifier ?? silentNotifier;
  // Sessions live in the guard's bounded table (idle ones are dropped); a session's holds go
  // with it: `tool + args MAC` -> the approval its hold opened.
  const sessionOf = (id: string) => guard.sessions.get(id);
  const holds = new WeakMap<SessionContext, Map<string, string>>();
  const holdsOf = (id: string) => {
    const session = sessionOf(id);
    let map = holds.get(session);
    if (!map) holds.set(session, (map = new Map()));
    return map;
  };

  return {
    async check(call, sessionId) {
      const session = sessionOf(sessionId);
      const key = `${call.tool}\n${store.approvals.mac(call.args)}`;
      const held = holdsOf(sessionId).get(key);
      const approvalId = call.approvalId ?? held;
      const waiting = held && !call.approvalId ? store.approvals.get(held) : undefined;
      if (waiting?.status === 'pending' && !store.killSwitch.isKilled(sessionId)) {
        // The same call again before anyone answered: the same hold, not a second approval.
        return {
          decision: 'hold',
          ...(waiting.rule ? { rule: waiting.rule } : {}),
          reason: `still waiting for a person: ${waiting.reason}`,
          approvalId: held,
        };
      }
      const decision = await guard.check(
        {
          tool: call.tool,
          args: call.args,
          ...(call.annotations ? { annotations: guardAnnotations(call.annotations) } : {}),
        },
        session,
        approvalId ? { approvalId } : {},
      );
      if (decision.decision === 'hold' && decision.approvalId) {
        holdsOf(sessionId).set(key, decision.approvalId);
      } else if (held) {
        holdsOf(sessionId).delete(key);
      }
      const answer: BoundaryDecision = {
        decision: decision.decision,
        ...(decision.rule ? { rule: decision.rule } : {}),
        reason: decision.reason,
        ...(decision.approvalId && decision.decision === 'hold'
          ? { approvalId: decision.approvalId }
          : {}),
      };
      if (decision.decision !== 'allow') {
        notifier.notify({
          type: `guard.${decision.decision}`,
          session: sessionId,
          tool: call.tool,
          reason: decision.reason,
          ...(decision.rule ? { rule: decision.rule } : {}),
          ...(answer.approvalId ? { approvalId: answer.approvalId } : {}),
          ...(decision.incidentId ? { incidentId: decision.incidentId } : {}),
        });
      }
      return answer;
    },

    isKilled: (sessionId) => store.killSwitch.isKilled(sessionId),

    answerHold(approvalId, answer) {
      try {
        if (answer.approve) store.approvals.approve(approvalId, answer.approver);
        else store.approvals.deny(approvalId, answer.approver, answer.reason);
        return true;
      } catch (error) {
        if (error instanceof InputError) return false; // answered elsewhere meanwhile
        throw error;
      }
    },

    hides: (tool, annotations) =>
      options.hideNeverAllowed !== false &&
      neverAllowed(guard.policy, tool, guardAnnotations(annotations)),

    record(event) {
      if (event.kind === 'executed') {
        const call = { tool: event.call.tool, args: event.call.args };
        try {
          guard.executed(call, sessionOf(event.session), {
            ok: !event.isError,
            result: event.result,
          });
        } catch (error) {
          if (!(error instanceof GuardKilledError)) throw error;
          // Forwarded before the kill landed: it ran, and the trail says so.
          store.audit.append(
            'execution',
            { tool: call.tool, ok: !event.isError, afterKill: true },
            event.session,
          );
        }
        return;
      }
      store.audit.append(BOUNDARY, event, event.session);
      if (event.kind === 'session-end') guard.sessions.end(event.session);
    },
  };
}
