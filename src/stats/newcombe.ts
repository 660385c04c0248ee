import { wilsonInterval, type Interval } from './wilson.js';

export interface RiskDifference extends Interval {
  /** p1 - p2. */
  estimate: number;
}

/**
 * Difference of two independent proportions p1 - p2 = x1/n1 - x2/n2 with Newcombe's hybrid
 * score interval (Newcombe 1998, Statistics in Medicine 17:873, method 10): combines the two
 * Wilson intervals (l1, u1) and (l2, u2) as
 *   low  = d - sqrt((p1 - l1)^2 + (u2 - p2)^2),  high = d + sqrt((u1 - p1)^2 + (p2 - l2)^2).
 * Needs n1 > 0 and n2 > 0: a difference with an empty group has no estimate.
 * @example riskDifference(56, 70, 48, 80) // { estimate: 0.2, low: 0.0524, high: 0.3339 }
 */
export function riskDifference(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  confidence = 0.95,
): RiskDifference {
  if (n1 === 0 || n2 === 0) {
    throw new RangeError(
      `riskDifference needs observations in both groups (got n1=${n1}, n2=${n2})`,
    );
  }
  const a = wilsonInterval(x1, n1, confidence);
  const b = wilsonInterval(x2, n2, confidence);
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const estimate = p1 - p2;
  return {
    estimate,
    low: Math.max(-1, estimate - Math.hypot(p1 - a.low, b.high - p2)),
    high: Math.min(1, estimate + Math.hypot(a.high - p1, p2 - b.low)),
  };
}
