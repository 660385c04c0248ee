import type { Evidence } from './types.js';

/**
 * Evidence without repeats: the same quote from the same event or message is listed once.
 * @example uniqueEvidence([e, e, f]) // [e, f]
 */
export function uniqueEvidence(evidence: readonly Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return evidence.filter((e) => {
    const key = `${e.source}\0${e.ref}\0${e.quote.replace(/\s+/g, ' ').trim()}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
