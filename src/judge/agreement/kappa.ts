import type { ConfusionMatrix } from './confusion.js';

/**
 * Cohen's kappa: agreement beyond what the raters' marginals would give by chance.
 * Returns null when there is nothing to compare (no items) and 1 when both raters used a
 * single identical category throughout (chance agreement is 1; perfect agreement observed).
 * @example cohenKappa(confusionMatrix(pairs)) // 0.4 for the 20/5/10/15 textbook table
 */
export function cohenKappa(matrix: ConfusionMatrix): number | null {
  const { counts, n } = matrix;
  if (n === 0) return null;
  const k = counts.length;
  let observed = 0;
  let chance = 0;
  for (let i = 0; i < k; i++) {
    observed += counts[i]![i]!;
    const rowTotal = counts[i]!.reduce((a, b) => a + b, 0);
    let colTotal = 0;
    for (let r = 0; r < k; r++) colTotal += counts[r]![i]!;
    chance += (rowTotal / n) * (colTotal / n);
  }
  const po = observed / n;
  if (chance === 1) return po === 1 ? 1 : 0;
  return (po - chance) / (1 - chance);
}
