import { describe, expect, it } from 'vitest';
import { relativeRisk } from './relative-risk.js';

describe('relativeRisk (Katz log interval)', () => {
  // Reference values: scipy.stats.contingency.relative_risk(...).confidence_interval(),
  // which implements the Katz log method. 27/122 vs 44/487 is the example in scipy's docs.
  it.each([
    [27, 122, 44, 487, 2.4495156, 1.5836991, 3.7886786],
    [15, 150, 100, 250, 0.25, 0.1510993, 0.4136353],
  ])('%i/%i vs %i/%i gives %f [%f, %f]', (x1, n1, x2, n2, rr, low, high) => {
    const r = relativeRisk(x1, n1, x2, n2);
    expect(r.estimate).toBeCloseTo(rr, 6);
    expect(r.low).toBeCloseTo(low, 6);
    expect(r.high).toBeCloseTo(high, 6);
    expect(r.corrected).toBe(false);
  });

  it('adds 0.5 to every cell when a group has zero events, and says so', () => {
    // 0/20 vs 10/20 becomes 0.5/21 vs 10.5/21: RR = 1/21, computed by hand from the Katz formula.
    const r = relativeRisk(0, 20, 10, 20);
    expect(r.corrected).toBe(true);
    expect(r.estimate).toBeCloseTo(0.5 / 10.5, 12);
    const se = Math.sqrt(1 / 0.5 - 1 / 21 + 1 / 10.5 - 1 / 21);
    expect(r.high).toBeCloseTo(Math.exp(Math.log(0.5 / 10.5) + 1.959963984540054 * se), 10);
  });

  it('corrects a group where every trial had the event, instead of a zero-width interval', () => {
    const r = relativeRisk(10, 10, 10, 10);
    expect(r.corrected).toBe(true);
    expect(r.estimate).toBeCloseTo(1, 12);
    expect(r.high - r.low).toBeGreaterThan(0.1);
  });

  it('gives a ratio of 1 with a wide interval when both groups are at zero', () => {
    const r = relativeRisk(0, 30, 0, 30);
    expect(r.estimate).toBeCloseTo(1, 12);
    expect(r.low).toBeLessThan(0.1);
    expect(r.high).toBeGreaterThan(10);
  });

  it('refuses an empty group', () => {
    expect(() => relativeRisk(0, 0, 1, 5)).toThrow(/both groups/);
  });
});
