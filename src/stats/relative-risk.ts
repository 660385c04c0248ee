import { zForConfidence } from './normal.js';
import type { Interval } from './wilson.js';

export interface RelativeRisk extends Interval {
  /** (x1/n1) / (x2/n2); after the 0.5 correction when `corrected`. */
  estimate: number;
  /** True when a zero cell forced the 0.5 correction. */
  corrected: boolean;
}

/**
 * Relative risk (x1/n1) / (x2/n2) with the Katz log interval (Katz et al. 1978, Biometrics
 * 34:469; Altman et al., Statistics with Confidence, 2nd ed. ch. 7):
 *   exp(ln RR ± z·sqrt(1/x1 - 1/n1 + 1/x2 - 1/n2)).
 * When any cell of the 2x2 table is zero (a group with no events, where the log is undefined,
 * or with only events, where its variance term vanishes) 0.5 is added to every cell
 * (Haldane–Anscombe, as Cochrane's RevMan does): x becomes x + 0.5 and n becomes n + 1 in both
 * groups, and `corrected` says so. With both groups at zero the ratio is 1 with a wide
 * interval rather than 0/0.
 * @example relativeRisk(15, 150, 100, 250) // { estimate: 0.25, ... }
 */
export function relativeRisk(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  confidence = 0.95,
): RelativeRisk {
  for (const [x, n] of [
    [x1, n1],
    [x2, n2],
  ] as const) {
    if (!Number.isInteger(x) || !Number.isInteger(n) || x < 0 || x > n) {
      throw new RangeError(`relativeRisk needs 0 <= events <= n (got ${x} of ${n})`);
    }
  }
  if (n1 === 0 || n2 === 0) {
    throw new RangeError(`relativeRisk needs observations in both groups (got n1=${n1}, n2=${n2})`);
  }
  const corrected = x1 === 0 || x2 === 0 || x1 === n1 || x2 === n2;
  const [a, m, c, n] = corrected ? [x1 + 0.5, n1 + 1, x2 + 0.5, n2 + 1] : [x1, n1, x2, n2];
  const estimate = a / m / (c / n);
  const se = Math.sqrt(1 / a - 1 / m + 1 / c - 1 / n);
  const z = zForConfidence(confidence);
  return {
    estimate,
    low: Math.exp(Math.log(estimate) - z * se),
    high: Math.exp(Math.log(estimate) + z * se),
    corrected,
  };
}
