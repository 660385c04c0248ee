/**
 * What a user of the statistics sees at the edges: impossible counts and settings are refused
 * with a message naming the function and the value, and answers are exact where a textbook
 * answer is exact (the width of n samples needs n samples, 1 in 2,000 reads 0.1%).
 */
import { describe, expect, it } from 'vitest';
import { clopperPearsonInterval } from './clopper-pearson.js';
import { compareRates, percent } from './compare-rates.js';
import { fisherExactTest } from './fisher-exact.js';
import { riskDifference } from './newcombe.js';
import { relativeRisk } from './relative-risk.js';
import { samplesForWidth, wilsonWidth } from './samples-for-width.js';
import { samplesToDetect } from './samples-to-detect.js';
import { wilsonInterval } from './wilson.js';

describe('impossible counts are refused, naming the estimator and the counts', () => {
  it.each([
    [2.5, 10],
    [2, 10.5],
    [-1, 10],
    [11, 10],
  ])('%s of %s', (successes, n) => {
    expect(() => wilsonInterval(successes, n)).toThrow(
      `wilsonInterval needs 0 <= successes <= n (got ${successes} of ${n})`,
    );
    expect(() => clopperPearsonInterval(successes, n)).toThrow(
      `clopperPearsonInterval needs 0 <= successes <= n (got ${successes} of ${n})`,
    );
  });

  it('relative risk: either group, fractional, negative or above n', () => {
    expect(() => relativeRisk(1.5, 10, 1, 10)).toThrow(
      'relativeRisk needs 0 <= events <= n (got 1.5 of 10)',
    );
    expect(() => relativeRisk(1, 10, 1, 10.5)).toThrow('(got 1 of 10.5)');
    expect(() => relativeRisk(1, 10, -1, 10)).toThrow('(got -1 of 10)');
    expect(() => relativeRisk(11, 10, 1, 10)).toThrow('(got 11 of 10)');
  });

  it("Fisher's test: any cell fractional or negative, the last one too", () => {
    expect(() => fisherExactTest(1.5, 1, 1, 1)).toThrow(
      'fisherExactTest needs non-negative integer cells (got 1.5, 1, 1, 1)',
    );
    expect(() => fisherExactTest(1, 1, 1, -1)).toThrow(/non-negative integer cells/);
    expect(() => fisherExactTest(1, 1, 1, 0.5)).toThrow(/non-negative integer cells/);
  });

  it('comparisons need trials in both groups', () => {
    expect(() => compareRates({ harmful: 0, valid: 0 }, { harmful: 1, valid: 10 })).toThrow(
      'compareRates needs valid trials in both groups (got 0 and 10)',
    );
    expect(() => riskDifference(0, 0, 1, 10)).toThrow(
      'riskDifference needs observations in both groups (got n1=0, n2=10)',
    );
    expect(() => riskDifference(1, 10, 0, 0)).toThrow(/n1=10, n2=0/);
  });
});

describe('planning samples', () => {
  it('the width n samples give needs exactly n samples', () => {
    for (const n of [64, 100, 381]) expect(samplesForWidth({ width: wilsonWidth(0.5, n) })).toBe(n);
    expect(samplesForWidth({ width: wilsonWidth(0.2, 250), rate: 0.2 })).toBe(250);
  });

  it('accepts a rate of 0 or 1 and refuses widths and rates outside (0, 1)', () => {
    expect(samplesForWidth({ width: 0.1, rate: 1 })).toBeGreaterThan(1);
    expect(samplesForWidth({ width: 0.1, rate: 0 })).toBe(samplesForWidth({ width: 0.1, rate: 1 }));
    expect(() => samplesForWidth({ width: 1 })).toThrow('width must be between 0 and 1 (got 1)');
    expect(() => samplesForWidth({ width: 0 })).toThrow(/got 0/);
    expect(() => samplesForWidth({ width: 0.1, rate: 1.5 })).toThrow(
      'rate must be between 0 and 1 (got 1.5)',
    );
    expect(() => samplesForWidth({ width: 0.1, rate: -0.1 })).toThrow(/rate must be/);
  });

  it('refuses a target rate of 100% or more, and an alpha of 1', () => {
    expect(() => samplesToDetect({ baseline: 0.5, detect: 0.5 })).toThrow(
      'detect must be above 0 with baseline + detect below 1 (got 0.5)',
    );
    expect(() => samplesToDetect({ baseline: 0.2, detect: 0.1, alpha: 1 })).toThrow(
      'alpha must be between 0 and 1 (got 1)',
    );
    expect(samplesToDetect({ baseline: 0.5, detect: 0.49 }).other).toBeCloseTo(0.99, 12);
  });
});

describe('percentages as tables print them', () => {
  it('rounds below 1% to one decimal and shows 0 only below 0.05%', () => {
    expect(percent(1 / 2000)).toBe('0.1');
    expect(percent(1 / 2500)).toBe('0');
    expect(percent(0.004)).toBe('0.4');
    expect(percent(0.62)).toBe('62');
  });
});
