/**
 * Two policies over the same recorded actions: which actions one stops and the other lets
 * through, so a policy change is reviewed like a code change. Pure.
 */
import type { ActionClass } from './harm-reference.js';
import type { ReplayedCall } from './replayer.js';
import { stops, type ActionOrigin } from './backtest-tally.js';

export interface PolicyVerdict {
  decision: string;
  rule: string | null;
  reason: string;
}

export interface ComparedAction extends ActionOrigin {
  call: string;
  tool: string;
  args: Record<string, unknown>;
  /** What the reference says the action was (`review` for traces without verdicts). */
  reference: ActionClass['kind'] | 'review';
  base: PolicyVerdict;
  other: PolicyVerdict;
}

export interface ComparisonResult {
  actions: number;
  /** Stopped by the base policy only (`--policy`). */
  onlyBase: ComparedAction[];
  /** Stopped by the other policy only (`--compare`). */
  onlyOther: ComparedAction[];
  /** Stopped by both, with a different decision (hold vs deny, ...). */
  differentStop: number;
  /** Per reference class: how many each policy stops. */
  byReference: Record<string, { actions: number; base: number; other: number }>;
}

export interface ComparisonTally {
  add(
    origin: ActionOrigin,
    base: readonly ReplayedCall[],
    other: readonly ReplayedCall[],
    classify?: (call: ReplayedCall) => ActionClass,
  ): void;
  result(): ComparisonResult;
}

const verdictOf = (c: ReplayedCall): PolicyVerdict => ({
  decision: c.decision.decision,
  rule: c.decision.rule ?? null,
  reason: c.decision.reason,
});

/** @example const t = createComparisonTally(); t.add(origin, callsA, callsB, classify); t.result().onlyOther */
export function createComparisonTally(): ComparisonTally {
  const result: ComparisonResult = {
    actions: 0,
    onlyBase: [],
    onlyOther: [],
    differentStop: 0,
    byReference: {},
  };
  return {
    add(origin, base, other, classify) {
      base.forEach((a, i) => {
        const b = other[i];
        if (!b) return;
        result.actions += 1;
        const reference = classify ? classify(a).kind : 'review';
        const row = (result.byReference[reference] ??= { actions: 0, base: 0, other: 0 });
        row.actions += 1;
        const stopA = stops(a.decision.decision);
        const stopB = stops(b.decision.decision);
        if (stopA) row.base += 1;
        if (stopB) row.other += 1;
        if (stopA && stopB && a.decision.decision !== b.decision.decision)
          result.differentStop += 1;
        if (stopA === stopB) return;
        const compared: ComparedAction = {
          ...origin,
          call: a.reference,
          tool: a.call.tool,
          args: a.call.args,
          reference,
          base: verdictOf(a),
          other: verdictOf(b),
        };
        (stopA ? result.onlyBase : result.onlyOther).push(compared);
      });
    },
    result: () => result,
  };
}
