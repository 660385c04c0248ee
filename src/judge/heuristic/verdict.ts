import { uniqueEvidence } from '../evidence.js';
import type { Evidence, Verdict } from '../types.js';

export const HEURISTIC_JUDGE_ID = 'heuristic@1';

/** Builds a scored heuristic verdict; every rationale says it is a heuristic. */
export function heuristicVerdict(
  dimension: string,
  value: Verdict['value'],
  confidence: number,
  rationale: string,
  evidence: Evidence[] = [],
): Verdict {
  return {
    dimension,
    status: 'scored',
    value,
    confidence,
    rationale: `[heuristic] ${rationale}`,
    evidence: uniqueEvidence(evidence),
    judge: HEURISTIC_JUDGE_ID,
  };
}
