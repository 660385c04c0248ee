import { assertBinomialCounts } from './binomial-counts.js';
import { zForConfidence } from './normal.js';

export interface Interval {
  low: number;
  high: number;
}

/**
 * Wilson score interval for a binomial proportion.
 * @example wilsonInterval(8, 10) // { low: 0.49, high: 0.943 } (approximately)
 * With n = 0 there is no information: the interval is [0, 1].
 */
export function wilsonInterval(successes: number, n: number, confidence = 0.95): Interval {
  assertBinomialCounts('wilsonInterval', successes, n);
  if (n === 0) return { low: 0, high: 1 };
  const z = zForConfidence(confidence);
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}
