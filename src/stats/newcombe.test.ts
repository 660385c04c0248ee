import { describe, expect, it } from 'vitest';
import { riskDifference } from './newcombe.js';

describe('riskDifference (Newcombe hybrid score, method 10)', () => {
  // Reference values: Newcombe (1998) "Interval estimation for the difference between
  // independent proportions: comparison of eleven methods", Stat Med 17:873, table II,
  // method 10, examples (a), (b), (d), (e), (f).
  it.each([
    ['(a)', 56, 70, 48, 80, 0.0524, 0.3339],
    ['(b)', 9, 10, 3, 10, 0.1705, 0.809],
    ['(d)', 5, 56, 0, 29, -0.0381, 0.1926],
    ['(e)', 0, 10, 0, 20, -0.1611, 0.2775],
    ['(f)', 10, 10, 0, 20, 0.6791, 1],
  ])('example %s: %i/%i - %i/%i gives [%f, %f]', (_label, x1, n1, x2, n2, low, high) => {
    const d = riskDifference(x1, n1, x2, n2);
    expect(d.estimate).toBeCloseTo(x1 / n1 - x2 / n2, 12);
    expect(d.low).toBeCloseTo(low, 4);
    expect(d.high).toBeCloseTo(high, 4);
  });

  it('is antisymmetric: swapping the groups mirrors the interval', () => {
    const ab = riskDifference(12, 40, 30, 50);
    const ba = riskDifference(30, 50, 12, 40);
    expect(ba.low).toBeCloseTo(-ab.high, 12);
    expect(ba.high).toBeCloseTo(-ab.low, 12);
  });

  it('refuses an empty group', () => {
    expect(() => riskDifference(0, 0, 3, 10)).toThrow(/both groups/);
  });
});
