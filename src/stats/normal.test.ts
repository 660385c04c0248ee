import { describe, expect, it } from 'vitest';
import { normalQuantile, zForConfidence } from './normal.js';

describe('normalQuantile', () => {
  // Reference values: R 4.x qnorm(p), printed with digits = 15.
  it.each([
    [0.975, 1.95996398454005],
    [0.995, 2.5758293035489],
    [0.8, 0.841621233572914],
    [0.9, 1.2815515655446],
    [0.5, 0],
    [1e-10, -6.36134090240406],
    [0.025, -1.95996398454005],
  ])('qnorm(%f) = %f', (p, z) => {
    expect(normalQuantile(p)).toBeCloseTo(z, 12);
  });

  it('is infinite at the ends and rejects values outside [0, 1]', () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(() => normalQuantile(1.5)).toThrow(/0 <= p <= 1/);
  });
});

describe('zForConfidence', () => {
  it('gives the two-sided critical value', () => {
    expect(zForConfidence(0.95)).toBeCloseTo(1.959963984540054, 12);
    expect(zForConfidence(0.9)).toBeCloseTo(1.6448536269514722, 12);
  });
});
