import type { TrialKey } from './plan.js';
import { abortableSleep } from './retry.js';
import type { TrialClaims } from './scheduler.js';

/** Keys looked at per claim transaction (a resume skips stored keys this many at a time). */
const LOOKAHEAD = 256;
/**
 * Keys claimed ahead per claim transaction once trials run: leased before they start, so other
 * processes on the plan leave them alone; a stop releases them unrun.
 */
export const CLAIM_AHEAD = 32;
/**
 * Keys claimed per transaction when lanes are many: a quarter of them, so at 512 lanes a round
 * of answers arriving together pays for 4 claims (a commit each) before its next calls leave,
 * not 16.
 */
export const CLAIM_SHARE = 0.25;

/**
 * How many keys a claim takes at least: `CLAIM_AHEAD`, or a quarter of the lanes when more,
 * never more than the lanes.
 * @example claimAhead(64) // 32
 * @example claimAhead(512) // 128
 */
export const claimAhead = (lanes: number): number =>
  Math.min(lanes, Math.max(CLAIM_AHEAD, Math.ceil(lanes * CLAIM_SHARE)));
/** How often to look again at trials other processes hold, once nothing else is left. */
const BUSY_POLL_MS = 200;

export interface ClaimedKeys {
  /**
   * The next trial this process has claimed, in plan order, or undefined when none is left
   * (every key stored, run here, or given up because `stopped()`). Callers may ask at once:
   * one claim transaction serves them all.
   */
  next(): Promise<TrialKey | undefined>;
}

export interface ClaimedKeysOptions {
  keys: Iterator<TrialKey>;
  leases: TrialClaims;
  /** How many keys the next claim should take (the callers waiting, at least a few). */
  wanted: () => number;
  stopped: () => boolean;
  /** Ends the wait between looks at keys other processes hold. */
  stop?: AbortSignal;
}

/**
 * The plan's keys, claimed a few at a time as the run's lanes ask for them: keys are read
 * lazily (memory stays flat however large the plan), stored keys skipped, keys leased to
 * other live processes looked at again until they are stored or taken over.
 * @example const source = claimedKeys({ keys, leases, wanted: () => 32, stopped: () => false }); await source.next()
 */
export function claimedKeys(options: ClaimedKeysOptions): ClaimedKeys {
  const { keys, leases, stopped } = options;
  let unseen: TrialKey[] = [];
  // Keys leased to other live processes: looked at again until stored or taken over.
  let busy: TrialKey[] = [];
  // Claimed by this process and not started yet.
  const ready: TrialKey[] = [];
  let readAt = 0;
  let exhausted = false;
  let done = false;
  let refilling: Promise<void> | undefined;

  const take = (claimed: readonly TrialKey[]) => {
    if (readAt === ready.length) {
      ready.length = 0;
      readAt = 0;
    }
    for (const key of claimed) ready.push(key);
  };

  /** Claims until something is ready, nothing is left, or the run stops. */
  async function refill(): Promise<void> {
    while (!stopped()) {
      while (!exhausted && unseen.length < LOOKAHEAD) {
        const next = keys.next();
        if (next.done) exhausted = true;
        else unseen.push(next.value);
      }
      const wanted = Math.max(1, options.wanted());
      if (unseen.length > 0) {
        const claim = await leases.claim(unseen, wanted);
        unseen = unseen.slice(claim.consumed);
        for (const key of claim.busy) busy.push(key);
        take(claim.claimed);
        if (claim.claimed.length > 0) return;
        continue;
      }
      if (busy.length === 0) {
        done = true;
        return;
      }
      const claim = await leases.claim(busy, wanted);
      busy = [...claim.busy, ...busy.slice(claim.consumed)];
      take(claim.claimed);
      if (claim.claimed.length > 0) return;
      if (busy.length > 0) await abortableSleep(BUSY_POLL_MS, options.stop);
    }
  }

  return {
    async next() {
      for (;;) {
        if (stopped()) return undefined;
        if (readAt < ready.length) return ready[readAt++];
        if (done) return undefined;
        refilling ??= refill().finally(() => (refilling = undefined));
        await refilling;
      }
    },
  };
}
