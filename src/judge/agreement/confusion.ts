/** A confusion matrix between a reference rater (rows) and a candidate rater (columns). */
export interface ConfusionMatrix {
  /** Category labels, in row/column order. */
  categories: string[];
  /** `counts[r][c]`: items the reference put in category r and the candidate in c. */
  counts: number[][];
  n: number;
}

/** One item rated by both raters. Values are normalised strings (`'true'`, `'thinks-eval'`). */
export interface RatedPair {
  item: string;
  reference: string;
  candidate: string;
}

/** Orders categories so booleans read `true` before `false` and the rest alphabetically. */
function orderCategories(values: Iterable<string>): string[] {
  const rank = (v: string) => (v === 'true' ? 0 : v === 'false' ? 1 : 2);
  return [...new Set(values)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/**
 * Counts how often each (reference, candidate) pair of categories occurs.
 * @example confusionMatrix([{ item: 't1', reference: 'true', candidate: 'false' }]).counts // [[0, 1], [0, 0]]
 */
export function confusionMatrix(pairs: RatedPair[], categories?: string[]): ConfusionMatrix {
  const cats = categories ?? orderCategories(pairs.flatMap((p) => [p.reference, p.candidate]));
  const index = new Map(cats.map((c, i) => [c, i]));
  const counts = cats.map(() => cats.map(() => 0));
  for (const pair of pairs) {
    const r = index.get(pair.reference);
    const c = index.get(pair.candidate);
    if (r === undefined || c === undefined) {
      throw new RangeError(`value outside categories [${cats.join(', ')}] for item ${pair.item}`);
    }
    counts[r]![c]! += 1;
  }
  return { categories: cats, counts, n: pairs.length };
}
