import { zForConfidence } from './normal.js';

/** Full width of the Wilson interval at an expected proportion `rate` with n trials. */
export function wilsonWidth(rate: number, n: number, confidence = 0.95): number {
  const z = zForConfidence(confidence);
  const z2 = z * z;
  return ((2 * z) / (1 + z2 / n)) * Math.sqrt((rate * (1 - rate)) / n + z2 / (4 * n * n));
}

/**
 * Smallest number of valid trials for which a Wilson interval around an expected `rate` is at
 * most `width` wide (full width, high - low), found by search on the Wilson width formula.
 * Uses the expected count rate·n, so it plans for the typical outcome, not the worst draw.
 * Widest at rate 0.5, where it has the closed form n = z²(1/width² - 1).
 * @example samplesForWidth({ width: 0.1 }) // 381
 */
export function samplesForWidth(input: {
  width: number;
  rate?: number;
  confidence?: number;
}): number {
  const { width, rate = 0.5, confidence = 0.95 } = input;
  if (!(width > 0 && width < 1))
    throw new RangeError(`width must be between 0 and 1 (got ${width})`);
  if (!(rate >= 0 && rate <= 1)) throw new RangeError(`rate must be between 0 and 1 (got ${rate})`);
  let high = 1;
  while (wilsonWidth(rate, high, confidence) > width) high *= 2;
  let low = high / 2;
  // Stryker disable next-line ConditionalExpression: equivalent, with high = 1 the bisection below does not run and returns 1 (a shortcut)
  if (high === 1) return 1;
  // Invariant: width(low) > target >= width(high).
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (wilsonWidth(rate, mid, confidence) > width) low = mid;
    else high = mid;
  }
  return high;
}
