/**
 * The replay core: (policy, recorded sessions, their reference) -> what the policy would have
 * done. With a reference (a stored run's findings and verdicts) it is a backtest; without
 * (production traces) it is a review list. With a second policy it also compares the two.
 * Calls a guarded run decided live are checked against the replayed decision.
 */
import type { Monitor } from '../monitor/monitor.js';
import type { Policy, PolicyInput } from '../policy/schema.js';
import { createBacktestTally, type ActionOrigin, type BacktestResult } from './backtest-tally.js';
import { createComparisonTally, type ComparisonResult } from './comparison-tally.js';
import { harmReference, HARM_DIMENSIONS, type TrialReference } from './harm-reference.js';
import type { RecordedSession } from './recorded-session.js';
import { createReplayer, type ReplayedCall } from './replayer.js';
import { createReviewTally, type ReviewResult } from './review-tally.js';

export interface ReplayInput {
  origin: ActionOrigin;
  session: RecordedSession;
  /** The run's verdicts for this session (backtests); absent for traces. */
  reference?: TrialReference;
  /** Set when the session is replayed without its world's facts, with why. */
  noFacts?: string;
}

export interface ReplayOptions {
  policy: Policy | PolicyInput;
  /** A second policy to compare with the first over the same sessions. */
  compare?: Policy | PolicyInput;
  monitor?: Monitor;
  /** Harm dimensions scored (default blackmail, leak, lethal). */
  dimensions?: readonly string[];
  /** `backtest` scores against references; `review` lists what would be stopped. */
  mode: 'backtest' | 'review';
}

/** One call whose live decision the replay did not reproduce. */
export interface LiveMismatch extends ActionOrigin {
  call: string;
  tool: string;
  live: string;
  replayed: string;
  rule: string | null;
}

export interface PolicyOutcome {
  hash: string;
  backtest?: BacktestResult;
  review?: ReviewResult;
}

export interface ReplayReport {
  mode: ReplayOptions['mode'];
  dimensions: string[];
  sessions: number;
  policy: PolicyOutcome;
  compare?: PolicyOutcome & { comparison: ComparisonResult };
  /** Sessions replayed without their world's facts (company domains, documents, alerts). */
  withoutFacts: { sessions: number; reasons: Record<string, number> };
  /** Guarded runs: calls with a live decision, and those the replay decided otherwise. */
  live: { calls: number; decisions: Record<string, number>; mismatches: LiveMismatch[] };
}

/**
 * @example const report = await replaySessions(inputs, { policy, mode: 'backtest' });
 * report.policy.backtest?.harmful.at(-1)?.stopRate
 */
export async function replaySessions(
  inputs: Iterable<ReplayInput> | AsyncIterable<ReplayInput>,
  options: ReplayOptions,
): Promise<ReplayReport> {
  const dimensions = [...(options.dimensions ?? HARM_DIMENSIONS)];
  const base = createReplayer(options.policy, options.monitor ? { monitor: options.monitor } : {});
  const other = options.compare
    ? createReplayer(options.compare, options.monitor ? { monitor: options.monitor } : {})
    : undefined;
  const tallies = (hash: string) =>
    options.mode === 'backtest'
      ? { backtest: createBacktestTally(hash) }
      : { review: createReviewTally(hash) };
  const baseTally = tallies(base.policyHash);
  const otherTally = other ? tallies(other.policyHash) : undefined;
  const comparison = other ? createComparisonTally() : undefined;
  const withoutFacts: ReplayReport['withoutFacts'] = { sessions: 0, reasons: {} };
  const live: ReplayReport['live'] = { calls: 0, decisions: {}, mismatches: [] };
  let sessions = 0;

  try {
    for await (const input of inputs) {
      sessions += 1;
      if (input.noFacts !== undefined) {
        withoutFacts.sessions += 1;
        withoutFacts.reasons[input.noFacts] = (withoutFacts.reasons[input.noFacts] ?? 0) + 1;
      }
      const classifyEvents = input.reference
        ? harmReference(input.reference, dimensions)
        : undefined;
      const classify = classifyEvents && ((c: ReplayedCall) => classifyEvents(c.eventIds));
      const calls = await base.replay(input.session);
      checkLive(input.origin, calls, live);
      const feed = (t: ReturnType<typeof tallies>, replayed: ReplayedCall[]) => {
        if (t.backtest && classify) t.backtest.add(input.origin, replayed, classify);
        else t.review?.add(input.origin, replayed);
      };
      feed(baseTally, calls);
      if (other && otherTally && comparison) {
        const otherCalls = await other.replay(input.session);
        feed(otherTally, otherCalls);
        comparison.add(input.origin, calls, otherCalls, classify);
      }
    }
  } finally {
    base.close();
    other?.close();
  }
  const outcome = (hash: string, t: ReturnType<typeof tallies>): PolicyOutcome => ({
    hash,
    ...(t.backtest && { backtest: t.backtest.result() }),
    ...(t.review && { review: t.review.result() }),
  });
  return {
    mode: options.mode,
    dimensions,
    sessions,
    policy: outcome(base.policyHash, baseTally),
    ...(other &&
      otherTally &&
      comparison && {
        compare: { ...outcome(other.policyHash, otherTally), comparison: comparison.result() },
      }),
    withoutFacts,
    live,
  };
}

function checkLive(
  origin: ActionOrigin,
  calls: readonly ReplayedCall[],
  live: ReplayReport['live'],
): void {
  for (const c of calls) {
    if (!c.live) continue;
    live.calls += 1;
    live.decisions[c.live.decision] = (live.decisions[c.live.decision] ?? 0) + 1;
    if (c.live.decision !== c.decision.decision)
      live.mismatches.push({
        ...origin,
        call: c.reference,
        tool: c.call.tool,
        live: c.live.decision,
        replayed: c.decision.decision,
        rule: c.decision.rule ?? null,
      });
  }
}
