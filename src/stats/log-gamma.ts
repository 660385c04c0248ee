// Lanczos approximation (g = 7, 9 coefficients), as in Numerical Recipes 3rd ed. §6.1 and
// Python's reference implementation; relative error about 1e-15 for x > 0.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];

/**
 * Natural log of the gamma function for x > 0.
 * @example logGamma(5) // Math.log(24)
 */
export function logGamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`logGamma needs x > 0 (got ${x})`);
  if (x < 0.5) {
    // Reflection keeps precision for small x: Γ(x)Γ(1-x) = π / sin(πx).
    return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  }
  const z = x - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i]! / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

const factorialLogs: number[] = [0];

/** log(n!) for a non-negative integer n, summed exactly (and cached) so counts stay precise. */
export function logFactorial(n: number): number {
  if (!Number.isInteger(n) || n < 0)
    throw new RangeError(`logFactorial needs a non-negative integer (got ${n})`);
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent in value, the cap only bounds the cache's memory (both give log(n!) to 1e-10)
  if (n > 100_000) return logGamma(n + 1);
  for (let k = factorialLogs.length; k <= n; k++)
    factorialLogs.push(factorialLogs[k - 1]! + Math.log(k));
  return factorialLogs[n]!;
}
