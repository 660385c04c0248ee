/**
 * The guard's decision on one call without its durable side: the same rules, monitor and
 * precedence as `guard.check`, but no approval, incident or audit entry is written and
 * nothing is enforced (shadow mode is looked through: a replay reports what the policy
 * would decide). The call then joins the session with that decision, as it would live.
 */
import { describeCall } from '../describe-call.js';
import type { Monitor } from '../monitor/monitor.js';
import { failedFinding, monitorOutcome } from '../monitor/monitor-outcome.js';
import type { CompiledPolicy } from '../policy/compile-policy.js';
import { bySeverity, evaluateRules } from '../policy/evaluate-rules.js';
import type { SessionContext } from '../session.js';
import type { GuardCall, MonitorFinding, RuleOutcome } from '../types.js';

export interface ReplayDecision extends RuleOutcome {
  /** Every rule that matched, most severe first. */
  matched: RuleOutcome[];
  monitor?: MonitorFinding;
}

/** Why every call after a kill is stopped: the session no longer runs anything. */
export const AFTER_KILL: RuleOutcome = {
  decision: 'kill',
  rule: 'kill-switch',
  reason: 'an earlier call killed this session',
};

/**
 * @example await decideCall(compilePolicy(policy), { tool: 'send_email', args }, session, { now: Date.parse(at) })
 */
export async function decideCall(
  compiled: CompiledPolicy,
  call: GuardCall,
  session: SessionContext,
  options: { now: number; monitor?: Monitor | undefined; killed?: boolean },
): Promise<ReplayDecision> {
  const policy = compiled.policy;
  const described = describeCall(call, session.facts);
  let decision: ReplayDecision;
  if (options.killed) {
    decision = { ...AFTER_KILL, matched: [] };
  } else {
    let matched = evaluateRules(compiled, described, session, options.now);
    let monitor: MonitorFinding | undefined;
    if (options.monitor && compiled.risky(call.tool) && policy.monitor.kind !== 'none') {
      monitor = await assess(options.monitor, described, session, policy.monitor.timeoutMs);
      const fromMonitor = monitorOutcome(monitor, policy.monitor);
      if (fromMonitor) matched.push(fromMonitor);
    }
    matched = bySeverity(matched);
    const first = matched[0] ?? {
      decision: policy.default,
      reason: 'no rule matched; the policy default applies',
    };
    decision = { ...first, matched, ...(monitor && { monitor }) };
  }
  session.observe({
    kind: 'did',
    call: described,
    decision: decision.decision,
    at: new Date(options.now).toISOString(),
  });
  return decision;
}

async function assess(
  monitor: Monitor,
  call: ReturnType<typeof describeCall>,
  session: SessionContext,
  timeoutMs: number,
): Promise<MonitorFinding> {
  try {
    const assessment = await monitor.assess({ call, session }, AbortSignal.timeout(timeoutMs));
    return { monitor: monitor.id, ...assessment };
  } catch (error) {
    return failedFinding(monitor.id, error);
  }
}
