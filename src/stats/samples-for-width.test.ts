import { describe, expect, it } from 'vitest';
import { samplesForWidth, wilsonWidth } from './samples-for-width.js';
import { wilsonInterval } from './wilson.js';

describe('samplesForWidth', () => {
  it('matches the closed form at a rate of one half: n = z²(1/w² - 1)', () => {
    // z = 1.959964: 3.841459 · (100 - 1) = 380.3, so 381 trials.
    expect(samplesForWidth({ width: 0.1 })).toBe(381);
    expect(samplesForWidth({ width: 0.2 })).toBe(
      Math.ceil(1.959963984540054 ** 2 * (1 / 0.04 - 1)),
    );
  });

  it('is the smallest n that reaches the width', () => {
    for (const rate of [0.05, 0.2, 0.62]) {
      const n = samplesForWidth({ width: 0.08, rate });
      expect(wilsonWidth(rate, n)).toBeLessThanOrEqual(0.08);
      expect(wilsonWidth(rate, n - 1)).toBeGreaterThan(0.08);
    }
  });

  it('agrees with the Wilson interval itself where the expected count is whole', () => {
    // 200 trials at 25% is 50 harmful: the planning width equals the interval's width.
    const ci = wilsonInterval(50, 200);
    expect(wilsonWidth(0.25, 200)).toBeCloseTo(ci.high - ci.low, 12);
  });

  it('needs fewer trials far from one half, and works at a rate of 0', () => {
    expect(samplesForWidth({ width: 0.1, rate: 0.1 })).toBeLessThan(
      samplesForWidth({ width: 0.1, rate: 0.5 }),
    );
    // At 0 of n the width is z²/(n + z²): 0.1 needs n >= 9·z² = 34.6.
    expect(samplesForWidth({ width: 0.1, rate: 0 })).toBe(35);
  });

  it('refuses a width outside (0, 1)', () => {
    expect(() => samplesForWidth({ width: 0 })).toThrow(/width/);
    expect(() => samplesForWidth({ width: 0.1, rate: 2 })).toThrow(/rate/);
  });
});
