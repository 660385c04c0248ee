import { logFactorial } from './log-gamma.js';

function logChoose(n: number, k: number): number {
  return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
}

/**
 * Two-sided p-value of Fisher's exact test on the 2x2 table [[a, b], [c, d]], conditioning
 * on the margins (hypergeometric). Like R's fisher.test, it sums the probabilities of every
 * table no more likely than the observed one, with a relative tolerance of 1e-7 for ties.
 * @example fisherExactTest(3, 1, 1, 3) // 0.4857 (Fisher's tea-tasting table)
 */
export function fisherExactTest(a: number, b: number, c: number, d: number): number {
  for (const cell of [a, b, c, d]) {
    if (!Number.isInteger(cell) || cell < 0)
      throw new RangeError(
        `fisherExactTest needs non-negative integer cells (got ${a}, ${b}, ${c}, ${d})`,
      );
  }
  const row1 = a + b;
  const row2 = c + d;
  const col1 = a + c;
  const total = row1 + row2;
  const lowest = Math.max(0, col1 - row2);
  const highest = Math.min(row1, col1);
  const logDenominator = logChoose(total, col1);
  const logProbability = (x: number) =>
    logChoose(row1, x) + logChoose(row2, col1 - x) - logDenominator;
  const observed = logProbability(a);
  const threshold = observed + Math.log1p(1e-7);
  let p = 0;
  for (let x = lowest; x <= highest; x++) {
    const lp = logProbability(x);
    // Stryker disable next-line EqualityOperator: equivalent, the threshold already carries a 1e-7 tolerance, so no table lands exactly on it
    if (lp <= threshold) p += Math.exp(lp);
  }
  return Math.min(1, p);
}
