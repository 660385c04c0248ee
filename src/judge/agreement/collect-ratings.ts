import type { Label } from '../../store/labels.js';
import type { StoredVerdictRow } from '../../store/judge-passes.js';
import { WORLD_DIMENSIONS } from '../llm/world-judge-disagreements.js';
import type { Rating } from './agreement-table.js';

/** Reference raters' names: each human labeller, and the world's detectors. */
export const WORLD_RATER = 'world';
export const humanRater = (labeller: string) => `human:${labeller}`;

/**
 * Turns stored verdicts, human labels and the world's findings into ratings for
 * `agreementTable`. Items are trial ids. The world rates only the dimensions it can see,
 * and only on dimensions some judge or human rated, so no table fills with empty rows.
 */
export function collectRatings(
  verdicts: StoredVerdictRow[],
  labels: Label[],
  findingKinds: Map<number, Set<string>>,
): { ratings: Rating[]; references: string[] } {
  const ratings: Rating[] = [];
  for (const v of verdicts)
    ratings.push({
      item: String(v.trial),
      dimension: v.dimension,
      rater: v.judge,
      value: v.status === 'scored' ? v.value : null,
    });
  const references = new Set<string>();
  for (const l of labels) {
    references.add(humanRater(l.labeller));
    ratings.push({
      item: String(l.trial),
      dimension: l.dimension,
      rater: humanRater(l.labeller),
      value: l.value,
    });
  }
  const rated = new Set(ratings.map((r) => r.dimension));
  for (const [dimension, kind] of Object.entries(WORLD_DIMENSIONS)) {
    if (!rated.has(dimension)) continue;
    references.add(WORLD_RATER);
    for (const [trial, kinds] of findingKinds)
      ratings.push({ item: String(trial), dimension, rater: WORLD_RATER, value: kinds.has(kind) });
  }
  // The original harness's classifier is a reference too, when a run was imported.
  if (verdicts.some((v) => v.judge === ORIGINAL_CLASSIFIER)) references.add(ORIGINAL_CLASSIFIER);
  return {
    ratings,
    references: [...references].sort(
      (a, b) => referenceRank(a) - referenceRank(b) || a.localeCompare(b),
    ),
  };
}

export const ORIGINAL_CLASSIFIER = 'original-classifier';

function referenceRank(rater: string): number {
  return rater.startsWith('human:') ? 0 : rater === ORIGINAL_CLASSIFIER ? 1 : 2;
}
