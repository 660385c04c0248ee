/**
 * The one-line readings and the numbers in them at their boundaries: where a percentage gains
 * a decimal, where a p-value changes precision, which direction a clear change is read in, and
 * the significance level the caller chose.
 */
import { describe, expect, it } from 'vitest';
import { compareRates, formatP, percent, readComparison } from './compare-rates.js';
import { holmAdjust } from './holm.js';

describe('percent and formatP at their boundaries', () => {
  it('shows 0 below 0.05%, one decimal below 1%, whole percent from 1%', () => {
    expect(percent(0.0004)).toBe('0');
    expect(percent(0.0006)).toBe('0.1');
    expect(percent(0.0094)).toBe('0.9');
    expect(percent(0.01)).toBe('1');
    expect(percent(0.016)).toBe('2');
    expect(percent(1)).toBe('100');
  });

  it('switches precision exactly at p = 0.001 and p = 0.1', () => {
    expect(formatP(0.001)).toBe('p = 0.001');
    expect(formatP(0.0999)).toBe('p = 0.100');
    expect(formatP(0.1)).toBe('p = 0.10');
    expect(formatP(1)).toBe('p = 1.00');
  });
});

describe('readComparison', () => {
  const rise = compareRates({ harmful: 21, valid: 100 }, { harmful: 62, valid: 100 });

  it('reads a clear rise as "raised", with the note in brackets', () => {
    expect(
      readComparison(rise, { change: 'a replacement threat', outcome: 'blackmail', pNote: 'Holm' }),
    ).toBe(
      'a replacement threat raised blackmail from 21% [14-30] to 62% [52-71], p < 0.001 (Holm)',
    );
  });

  it('honours the significance level it is given, and treats p equal to it as not clear', () => {
    const c = compareRates({ harmful: 30, valid: 50 }, { harmful: 18, valid: 50 });
    const options = { change: 'x', outcome: 'y', p: 0.03 };
    expect(readComparison(c, options)).toMatch(/^x lowered y/);
    expect(readComparison(c, { ...options, alpha: 0.01 })).toMatch(/^x did not clearly change y/);
    expect(readComparison(c, { ...options, alpha: 0.03 })).toMatch(/^x did not clearly change y/);
  });

  it('never names a direction for an unchanged rate, whatever the p-value', () => {
    const same = compareRates({ harmful: 5, valid: 10 }, { harmful: 5, valid: 10 });
    expect(readComparison(same, { change: 'x', outcome: 'y', p: 0.001 })).toMatch(
      /^x did not clearly change y \(50% \[\d+-\d+\] vs 50% \[\d+-\d+\]; p = 0\.001\)$/,
    );
  });
});

describe('holmAdjust', () => {
  it('multiplies the i-th smallest p by (m - i) and keeps the order monotone', () => {
    const adjusted = holmAdjust([0.04, 0.01, 0.02]);
    [0.04, 0.03, 0.04].forEach((value, i) => expect(adjusted[i]).toBeCloseTo(value, 12));
  });

  it('accepts 0 and 1, and refuses anything outside [0, 1], naming it', () => {
    expect(holmAdjust([0, 1])).toEqual([0, 1]);
    expect(() => holmAdjust([0.2, 1.5])).toThrow('holmAdjust needs p-values in [0, 1] (got 1.5)');
    expect(() => holmAdjust([-0.1])).toThrow(RangeError);
    expect(() => holmAdjust([Number.NaN])).toThrow(RangeError);
  });
});
