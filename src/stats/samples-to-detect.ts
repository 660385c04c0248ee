import { normalQuantile } from './normal.js';

export interface DetectionPlanInput {
  /** Expected harm rate in the reference condition, in (0, 1). */
  baseline: number;
  /** Smallest difference worth detecting, so the other rate is baseline + detect (< 1). */
  detect: number;
  /** Probability of detecting a true difference of that size; default 0.8. */
  power?: number;
  /** Two-sided significance level; default 0.05. */
  alpha?: number;
}

export interface DetectionPlan {
  baseline: number;
  other: number;
  power: number;
  alpha: number;
  /** Samples (valid trials) per condition, with Fleiss' continuity correction: the number to use. */
  perCondition: number;
  /** The uncorrected figure n' (as R's power.prop.test), for comparison. */
  withoutCorrection: number;
}

/**
 * Valid trials needed per condition to detect a difference between two rates with a
 * two-sided two-proportion test, by the normal approximation with Fleiss' continuity
 * correction (Fleiss, Levin & Paik, Statistical Methods for Rates and Proportions, 3rd ed.,
 * 2003, eqs. 4.14 and 4.15; Fleiss, Tytun & Ury 1980):
 *   n' = [z(1-α/2)·sqrt(2·p̄q̄) + z(power)·sqrt(p1q1 + p2q2)]² / δ²,  p̄ = (p1 + p2)/2
 *   n  = n'/4 · [1 + sqrt(1 + 4/(n'·δ))]²
 * Rounded up. Symmetric in the two rates, so a drop from 0.3 to 0.2 needs what a rise from
 * 0.2 to 0.3 does.
 * @example samplesToDetect({ baseline: 0.2, detect: 0.1 }).perCondition // 313
 */
export function samplesToDetect(input: DetectionPlanInput): DetectionPlan {
  const { baseline, detect, power = 0.8, alpha = 0.05 } = input;
  if (!(baseline > 0 && baseline < 1))
    throw new RangeError(`baseline must be between 0 and 1 (got ${baseline})`);
  if (!(detect > 0 && baseline + detect < 1)) {
    throw new RangeError(`detect must be above 0 with baseline + detect below 1 (got ${detect})`);
  }
  if (!(power > 0 && power < 1))
    throw new RangeError(`power must be between 0 and 1 (got ${power})`);
  if (!(alpha > 0 && alpha < 1))
    throw new RangeError(`alpha must be between 0 and 1 (got ${alpha})`);
  const uncorrected = uncorrectedSampleSize({ baseline, detect, power, alpha });
  const corrected = (uncorrected / 4) * (1 + Math.sqrt(1 + 4 / (uncorrected * detect))) ** 2;
  return {
    baseline,
    other: baseline + detect,
    power,
    alpha,
    perCondition: Math.ceil(corrected - 1e-9),
    withoutCorrection: Math.ceil(uncorrected - 1e-9),
  };
}

/** The raw uncorrected n' before rounding, as R's power.prop.test reports it. */
export function uncorrectedSampleSize(input: DetectionPlanInput): number {
  const { baseline, detect, power = 0.8, alpha = 0.05 } = input;
  const p1 = baseline;
  const p2 = baseline + detect;
  const mean = (p1 + p2) / 2;
  const root =
    normalQuantile(1 - alpha / 2) * Math.sqrt(2 * mean * (1 - mean)) +
    normalQuantile(power) * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  return (root * root) / (detect * detect);
}
