import type { Policy } from '../policy/schema.js';
import type { Decision, MonitorFinding, RuleOutcome } from '../types.js';

/**
 * Maps a monitor's score to a decision with the policy's thresholds (the most severe
 * threshold reached wins); a failed monitor decides `onError` (hold: fail closed).
 * @example monitorOutcome({ monitor: 'm', score: 85, rationale: '', evidence: [] }, { thresholds: { hold: 50, deny: 80 }, onError: 'hold' })?.decision // 'deny'
 */
export function monitorOutcome(
  finding: MonitorFinding,
  settings: Pick<Policy['monitor'], 'thresholds' | 'onError'>,
): RuleOutcome | undefined {
  if (finding.error !== undefined)
    return {
      decision: settings.onError,
      rule: 'monitor',
      reason: `the monitor (${finding.monitor}) failed: ${finding.error}`,
    };
  const order: Decision[] = ['kill', 'deny', 'hold'];
  for (const decision of order) {
    const threshold = settings.thresholds[decision as 'kill' | 'deny' | 'hold'];
    if (threshold !== undefined && finding.score >= threshold)
      return {
        decision,
        rule: 'monitor',
        reason: `the monitor (${finding.monitor}) scored this call ${finding.score}/100: ${finding.rationale}`,
      };
  }
  return undefined;
}

/**
 * The finding of a monitor that gave no score (an error, a timeout, none wired): score -1
 * and the error, which `monitorOutcome` turns into the policy's `onError` decision.
 * @example failedFinding('heuristic', new Error('timed out')).score // -1
 */
export function failedFinding(monitor: string, error: unknown): MonitorFinding {
  return {
    monitor,
    score: -1,
    rationale: 'the monitor failed',
    evidence: [],
    error: error instanceof Error ? error.message : String(error),
  };
}
