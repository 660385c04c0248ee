import type { ConfusionMatrix } from './confusion.js';

/**
 * Cohen's kappa: agreement beyond what the raters' marginals would give by chance.
 * Returns null when it is undefined: no items, or both raters used one and the same
 * category throughout (chance agreement is then 1, and kappa is 0/0).
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
  if (chance === 1) return null;
  return (po - chance) / (1 - chance);
}
