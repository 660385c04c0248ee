/**
 * Checks a binomial count before an interval is computed from it: whole numbers with
 * 0 <= successes <= n. Throws a RangeError naming `estimator` and the counts otherwise.
 * @example assertBinomialCounts('wilsonInterval', 11, 10) // throws "wilsonInterval needs 0 <= successes <= n (got 11 of 10)"
 */
export function assertBinomialCounts(estimator: string, successes: number, n: number): void {
  if (
    !Number.isInteger(successes) ||
    !Number.isInteger(n) ||
    successes < 0 ||
    // Stryker disable next-line ConditionalExpression: equivalent, 0 <= successes <= n already implies n >= 0
    n < 0 ||
    successes > n
  ) {
    throw new RangeError(`${estimator} needs 0 <= successes <= n (got ${successes} of ${n})`);
  }
}
