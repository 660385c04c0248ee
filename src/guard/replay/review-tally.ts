/**
 * Traces without verdicts: nothing to score against, so a replay lists what the policy would
 * have stopped and why, for people to review and label. Pure.
 */
import type { ActionOrigin } from './backtest-tally.js';
import { stops } from './backtest-tally.js';
import type { ReplayedCall } from './replayer.js';

export interface ReviewItem extends ActionOrigin {
  call: string;
  tool: string;
  args: Record<string, unknown>;
  decision: string;
  rule: string | null;
  reason: string;
  /** Every other rule that matched too. */
  alsoMatched: string[];
}

export interface ReviewResult {
  policyHash: string;
  sessions: number;
  actions: number;
  /** Decisions over all actions. */
  decisions: Record<string, number>;
  /** Stopped actions per rule. */
  byRule: Record<string, number>;
  stopped: ReviewItem[];
}

/** @example const t = createReviewTally(hash); t.add(origin, calls); t.result().stopped */
export function createReviewTally(policyHash: string) {
  const result: ReviewResult = {
    policyHash,
    sessions: 0,
    actions: 0,
    decisions: { allow: 0, hold: 0, deny: 0, kill: 0 },
    byRule: {},
    stopped: [],
  };
  return {
    add(origin: ActionOrigin, calls: readonly ReplayedCall[]) {
      result.sessions += 1;
      for (const c of calls) {
        result.actions += 1;
        const d = c.decision;
        result.decisions[d.decision] = (result.decisions[d.decision] ?? 0) + 1;
        if (!stops(d.decision)) continue;
        const rule = d.rule ?? '(default)';
        result.byRule[rule] = (result.byRule[rule] ?? 0) + 1;
        result.stopped.push({
          ...origin,
          call: c.reference,
          tool: c.call.tool,
          args: c.call.args,
          decision: d.decision,
          rule: d.rule ?? null,
          reason: d.reason,
          alsoMatched: d.matched.slice(1).flatMap((m) => (m.rule ? [m.rule] : [])),
        });
      }
    },
    result: () => result,
  };
}
