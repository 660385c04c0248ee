import type { RatedPair } from './confusion.js';
import { agreementStats, type AgreementStats } from './agreement-stats.js';

/** One rater's value for one item on one dimension: a judge's verdict or a human label. */
export interface Rating {
  item: string;
  dimension: string;
  /** Judge id (`openai:gpt-4.1`, `heuristic`, `original-classifier`) or `human:<labeller>`. */
  rater: string;
  /** null when unscored: such ratings are left out of every comparison. */
  value: string | boolean | null;
}

export interface AgreementRow extends AgreementStats {
  dimension: string;
  /** `reference` rows compare a judge with a reference rater (humans, the original classifier). */
  kind: 'reference' | 'between-judges';
  reference: string;
  candidate: string;
}

const normalise = (value: string | boolean): string => String(value);

/** Pairs the items both raters scored on `dimension`; later ratings of the same item win. */
export function pairRatings(
  ratings: Rating[],
  dimension: string,
  reference: string,
  candidate: string,
): RatedPair[] {
  const byRater = (rater: string) => {
    const values = new Map<string, string>();
    for (const r of ratings) {
      if (r.dimension === dimension && r.rater === rater && r.value !== null)
        values.set(r.item, normalise(r.value));
    }
    return values;
  };
  const ref = byRater(reference);
  const cand = byRater(candidate);
  const pairs: RatedPair[] = [];
  for (const [item, value] of ref) {
    const other = cand.get(item);
    if (other !== undefined) pairs.push({ item, reference: value, candidate: other });
  }
  return pairs.sort((a, b) => a.item.localeCompare(b.item));
}

/**
 * Agreement per dimension: every judge against each reference rater (human labels, the
 * original harness's classifier), then every pair of judges. Rows with no shared items are
 * left out.
 * @example agreementTable(ratings, ['human']) // [{ dimension: 'blackmail', reference: 'human', candidate: 'heuristic', kappa: 0.8, ... }]
 */
export function agreementTable(ratings: Rating[], references: string[]): AgreementRow[] {
  const dimensions = [...new Set(ratings.map((r) => r.dimension))].sort();
  const rows: AgreementRow[] = [];
  for (const dimension of dimensions) {
    const raters = [
      ...new Set(ratings.filter((r) => r.dimension === dimension).map((r) => r.rater)),
    ].sort();
    const refs = raters.filter((r) => references.includes(r));
    const judges = raters.filter((r) => !references.includes(r));
    const add = (kind: AgreementRow['kind'], reference: string, candidate: string) => {
      const pairs = pairRatings(ratings, dimension, reference, candidate);
      if (pairs.length > 0)
        rows.push({ dimension, kind, reference, candidate, ...agreementStats(pairs) });
    };
    for (const reference of refs) for (const judge of judges) add('reference', reference, judge);
    for (let i = 0; i < judges.length; i++) {
      for (let j = i + 1; j < judges.length; j++) add('between-judges', judges[i]!, judges[j]!);
    }
  }
  return rows;
}
