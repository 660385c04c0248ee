import { describe, expect, it } from 'vitest';
import { clopperPearsonInterval } from './clopper-pearson.js';
import { betaQuantile, regularizedBeta } from './incomplete-beta.js';

describe('clopperPearsonInterval', () => {
  // Reference values: R's binom.test(x, n)$conf.int (Clopper-Pearson). 682 of 925 is the
  // Mendel peas example from R's ?binom.test; 0 of 10 has the closed form 1 - 0.025^(1/10).
  it.each([
    [682, 925, 0.7076683, 0.7654066],
    [5, 10, 0.187086, 0.812914],
    [1, 10, 0.002528579, 0.4450161],
    [0, 10, 0, 0.3084971],
    [10, 10, 0.6915029, 1],
  ])('%i of %i gives [%f, %f]', (x, n, low, high) => {
    const ci = clopperPearsonInterval(x, n);
    expect(ci.low).toBeCloseTo(low, 6);
    expect(ci.high).toBeCloseTo(high, 6);
  });

  it('is wider than the Wilson interval it is often compared with (it is conservative)', () => {
    const ci = clopperPearsonInterval(81, 263);
    // Wilson for 81/263 is [0.2553, 0.3662] (Newcombe 1998, table I).
    expect(ci.low).toBeLessThan(0.2553);
    expect(ci.high).toBeGreaterThan(0.3662);
  });

  it('is [0, 1] with no observations and rejects impossible counts', () => {
    expect(clopperPearsonInterval(0, 0)).toEqual({ low: 0, high: 1 });
    expect(() => clopperPearsonInterval(4, 3)).toThrow(/successes <= n/);
  });
});

describe('regularizedBeta and betaQuantile', () => {
  // Reference values: R's pbeta / qbeta.
  it('matches pbeta', () => {
    expect(regularizedBeta(0.5, 2, 2)).toBeCloseTo(0.5, 12);
    expect(regularizedBeta(0.3, 2, 5)).toBeCloseTo(0.579825, 6); // pbeta(0.3, 2, 5)
    expect(regularizedBeta(0.9, 0.5, 0.5)).toBeCloseTo(0.7951672, 6); // pbeta(0.9, .5, .5)
  });

  it('inverts the CDF', () => {
    for (const [p, a, b] of [
      [0.025, 3, 8],
      [0.975, 40, 2],
      [0.5, 0.5, 0.5],
    ] as const) {
      expect(regularizedBeta(betaQuantile(p, a, b), a, b)).toBeCloseTo(p, 10);
    }
  });
});
