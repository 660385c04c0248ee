import { assertBinomialCounts } from './binomial-counts.js';
import { betaQuantile } from './incomplete-beta.js';
import type { Interval } from './wilson.js';

/**
 * Clopper-Pearson ("exact") interval for a binomial proportion, from beta quantiles:
 * low = B(α/2; x, n-x+1), high = B(1-α/2; x+1, n-x). Same as R's binom.test conf.int.
 * Conservative: coverage is at least the nominal level. With n = 0 the interval is [0, 1].
 * @example clopperPearsonInterval(5, 10) // { low: 0.187086, high: 0.812914 }
 */
export function clopperPearsonInterval(successes: number, n: number, confidence = 0.95): Interval {
  assertBinomialCounts('clopperPearsonInterval', successes, n);
  if (!(confidence > 0 && confidence < 1))
    throw new RangeError(`confidence must be in (0, 1) (got ${confidence})`);
  // Stryker disable next-line ConditionalExpression: equivalent, with n = 0 the two branches below give 0 and 1 anyway (a shortcut)
  if (n === 0) return { low: 0, high: 1 };
  const alpha = 1 - confidence;
  const low = successes === 0 ? 0 : betaQuantile(alpha / 2, successes, n - successes + 1);
  const high = successes === n ? 1 : betaQuantile(1 - alpha / 2, successes + 1, n - successes);
  return { low, high };
}
