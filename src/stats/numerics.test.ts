/**
 * The numerical building blocks every interval and p-value rests on, checked across all their
 * branches (central region and both tails, reflection, the symmetry switch) against scipy 1.17
 * (norm.ppf, gammaln, betainc, beta.ppf). A wrong coefficient anywhere moves a reported
 * interval.
 */
import { describe, expect, it } from 'vitest';
import { betaQuantile, regularizedBeta } from './incomplete-beta.js';
import { logFactorial, logGamma } from './log-gamma.js';
import { normalQuantile } from './normal.js';

/** Agreement to `digits` significant digits. */
const close = (actual: number, expected: number, digits = 12) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(
    Math.max(1e-300, Math.abs(expected)) * 10 ** -digits,
  );

describe('normalQuantile', () => {
  it.each([
    [1e-300, -37.0470962993612],
    [1e-20, -9.262340089798409],
    [1e-8, -5.612001244174789],
    [0.001, -3.090232306167813],
    [0.02, -2.053748910631823],
    [0.074, -1.4466320671589785],
    [0.076, -1.4325027208258116],
    [0.3, -0.5244005127080409],
    [0.6, 0.2533471031357997],
    [0.924, 1.432502720825812],
    [0.926, 1.446632067158979],
    [0.9999, 3.719016485455709],
    [1 - 1e-12, 7.0344869100478356],
  ])('qnorm(%s) = %s', (p, z) => close(normalQuantile(p), z, 11));

  it('refuses p outside [0, 1], naming it', () => {
    expect(() => normalQuantile(-0.1)).toThrow('normalQuantile needs 0 <= p <= 1 (got -0.1)');
    expect(() => normalQuantile(Number.NaN)).toThrow(RangeError);
  });
});

describe('logGamma and logFactorial', () => {
  it.each([
    [1e-6, 13.81550998074943],
    [0.1, 2.252712651734206],
    [0.3, 1.0957979948180756],
    [0.49, 0.592249629335267],
    [0.5, 0.5723649429247],
    [1.5, -0.12078223763524526],
    [2.5, 0.2846828704729192],
    [10, 12.801827480081469],
    [33.3, 82.60372358165493],
    [171.5, 709.1431630309283],
    [100000.5, 1051293.4654351394],
  ])('lgamma(%s) = %s', (x, value) => close(logGamma(x), value, 12));

  it('is zero at 1 and 2, and refuses x <= 0', () => {
    expect(Math.abs(logGamma(1))).toBeLessThan(1e-14);
    expect(Math.abs(logGamma(2))).toBeLessThan(1e-14);
    expect(() => logGamma(0)).toThrow('logGamma needs x > 0 (got 0)');
    expect(() => logGamma(-1)).toThrow(RangeError);
  });

  it('sums log(n!) exactly for small n and switches to lgamma above 100000', () => {
    expect(logFactorial(0)).toBe(0);
    expect(logFactorial(1)).toBe(0);
    close(logFactorial(5), Math.log(120), 15);
    close(logFactorial(20), Math.log(2432902008176640000), 14);
    close(logFactorial(150_000), 1637765.4640961343, 12);
    expect(() => logFactorial(2.5)).toThrow('logFactorial needs a non-negative integer (got 2.5)');
    expect(() => logFactorial(-1)).toThrow(RangeError);
  });
});

describe('regularizedBeta', () => {
  it.each([
    [0.1, 2, 5, 0.11426500000000002],
    [0.9, 2, 5, 0.999945],
    [0.5, 0.5, 0.5, 0.5],
    [0.3, 10, 3, 0.00020637625499999988],
    [0.7, 10, 3, 0.25281534785499993],
    [0.01, 1, 50, 0.39499393286246337],
    [0.99, 50, 1, 0.6050060671375364],
    [0.4, 200, 300, 0.5024286163199315],
  ])('I_%s(%s, %s) = %s', (x, a, b, value) => close(regularizedBeta(x, a, b), value, 10));

  it('is 0 at 0 and 1 at 1, and refuses bad shapes or x', () => {
    expect(regularizedBeta(0, 2, 3)).toBe(0);
    expect(regularizedBeta(1, 2, 3)).toBe(1);
    expect(() => regularizedBeta(0.5, 0, 1)).toThrow('regularizedBeta needs a > 0 and b > 0 (got a=0, b=1)'); // prettier-ignore
    expect(() => regularizedBeta(0.5, 1, -1)).toThrow(RangeError);
    expect(() => regularizedBeta(1.2, 1, 1)).toThrow('regularizedBeta needs 0 <= x <= 1 (got 1.2)');
  });
});

describe('betaQuantile', () => {
  it.each([
    [0.025, 1, 10, 0.0025285785444617848],
    [0.975, 8, 3, 0.9332604888222655],
    [0.5, 2, 2, 0.5],
    [0.001, 30, 70, 0.17247312173138413],
  ])('qbeta(%s, %s, %s) = %s', (p, a, b, x) => close(betaQuantile(p, a, b), x, 9));

  it('is 0 at p = 0 and 1 at p = 1, and refuses p outside [0, 1]', () => {
    expect(betaQuantile(0, 3, 4)).toBe(0);
    expect(betaQuantile(1, 3, 4)).toBe(1);
    expect(() => betaQuantile(1.5, 3, 4)).toThrow('betaQuantile needs 0 <= p <= 1 (got 1.5)');
  });
});
