import { describe, expect, it } from 'vitest';
import { confusionMatrix, type RatedPair } from './confusion.js';
import { cohenKappa } from './kappa.js';

/** Builds pairs from a 2x2 table: [yes/yes, yes/no, no/yes, no/no]. */
function fromTable(yy: number, yn: number, ny: number, nn: number): RatedPair[] {
  const pairs: RatedPair[] = [];
  const push = (count: number, reference: string, candidate: string) => {
    for (let i = 0; i < count; i++)
      pairs.push({ item: `${reference}-${candidate}-${i}`, reference, candidate });
  };
  push(yy, 'true', 'true');
  push(yn, 'true', 'false');
  push(ny, 'false', 'true');
  push(nn, 'false', 'false');
  return pairs;
}

describe('cohenKappa', () => {
  it('gives 0.4 for the textbook 50-item table (20 both yes, 5/10 split, 15 both no)', () => {
    // p_o = 35/50 = 0.7; p_e = 0.5*0.6 + 0.5*0.4 = 0.5; kappa = (0.7-0.5)/(1-0.5) = 0.4
    expect(cohenKappa(confusionMatrix(fromTable(20, 5, 10, 15)))).toBeCloseTo(0.4, 10);
  });

  it('gives about 0.1304 for the second textbook table (45/15/25/15)', () => {
    // p_o = 0.6; p_e = 0.6*0.7 + 0.4*0.3 = 0.54; kappa = 0.06/0.46
    expect(cohenKappa(confusionMatrix(fromTable(45, 15, 25, 15)))).toBeCloseTo(0.06 / 0.46, 10);
  });

  it('is 1 for perfect agreement and negative for systematic disagreement', () => {
    expect(cohenKappa(confusionMatrix(fromTable(10, 0, 0, 10)))).toBe(1);
    expect(cohenKappa(confusionMatrix(fromTable(0, 10, 10, 0)))).toBe(-1);
  });

  it('handles three categories', () => {
    const pairs: RatedPair[] = [
      { item: 'a', reference: 'thinks-eval', candidate: 'thinks-eval' },
      { item: 'b', reference: 'thinks-real', candidate: 'thinks-real' },
      { item: 'c', reference: 'no-deliberation', candidate: 'thinks-real' },
      { item: 'd', reference: 'no-deliberation', candidate: 'no-deliberation' },
    ];
    // p_o = 0.75; marginals ref (1,1,2)/4, cand (1,2,1)/4 -> p_e = (1+2+2)/16 = 0.3125
    expect(cohenKappa(confusionMatrix(pairs))).toBeCloseTo((0.75 - 0.3125) / (1 - 0.3125), 10);
  });

  it('is undefined (null) with no items and when both raters always say the same single thing', () => {
    expect(cohenKappa(confusionMatrix([]))).toBeNull();
    expect(cohenKappa(confusionMatrix(fromTable(0, 0, 0, 7)))).toBeNull();
  });
});
