import { describe, expect, it } from 'vitest';
import { fisherExactTest } from './fisher-exact.js';

describe('fisherExactTest (two-sided)', () => {
  // Reference values: R's fisher.test(matrix(c(a, c, b, d), 2))$p.value, cross-checked with
  // scipy.stats.fisher_exact. (3,1,1,3) is Fisher's tea-tasting table from R's ?fisher.test;
  // (1,9,11,3) is the dieting example in Wikipedia's "Fisher's exact test" (p = 0.002759);
  // (2,10,15,3) is the Convictions table from R's ?fisher.test.
  it.each([
    [3, 1, 1, 3, 0.4857142857],
    [1, 9, 11, 3, 0.0027594562],
    [2, 10, 15, 3, 0.0005367241],
    [10, 0, 0, 10, 1.0825088e-5],
    [7, 12, 0, 4, 0.2727272727],
    [62, 38, 21, 79, 5.4458538e-9],
  ])('[[%i, %i], [%i, %i]] gives p = %f', (a, b, c, d, p) => {
    expect(fisherExactTest(a, b, c, d) / p).toBeCloseTo(1, 6);
  });

  it('is 1 when nothing differs or there is nothing to compare', () => {
    expect(fisherExactTest(0, 5, 0, 5)).toBe(1);
    expect(fisherExactTest(0, 0, 0, 0)).toBe(1);
  });

  it('rejects negative or fractional counts', () => {
    expect(() => fisherExactTest(-1, 2, 3, 4)).toThrow(/non-negative integer/);
  });
});
