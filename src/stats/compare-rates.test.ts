import { describe, expect, it } from 'vitest';
import { compareRates, formatP, formatRate, readComparison } from './compare-rates.js';

describe('compareRates', () => {
  it('puts the reference group first and measures b against it', () => {
    // Newcombe (1998) example (a), read backwards: 48/80 against 56/70.
    const c = compareRates({ harmful: 56, valid: 70 }, { harmful: 48, valid: 80 });
    expect(c.diff.estimate).toBeCloseTo(-0.2, 12);
    expect(c.diff.low).toBeCloseTo(-0.3339, 4);
    expect(c.diff.high).toBeCloseTo(-0.0524, 4);
    expect(c.rr.estimate).toBeCloseTo(0.6 / 0.8, 12);
    expect(c.a.rate).toBeCloseTo(0.8, 12);
  });

  it('uses Fisher exact for p (scipy.stats.fisher_exact([[62, 38], [21, 79]]) = 5.4459e-9)', () => {
    const c = compareRates({ harmful: 62, valid: 100 }, { harmful: 21, valid: 100 });
    expect(c.p / 5.4458538e-9).toBeCloseTo(1, 5);
  });

  it('refuses a group without valid trials', () => {
    expect(() => compareRates({ harmful: 0, valid: 0 }, { harmful: 3, valid: 9 })).toThrow(
      /valid trials/,
    );
  });
});

describe('readComparison', () => {
  it('reads a clear drop as one line with both intervals', () => {
    const c = compareRates({ harmful: 124, valid: 200 }, { harmful: 42, valid: 200 });
    expect(readComparison(c, { change: 'prohibitions', outcome: 'blackmail' })).toBe(
      'prohibitions lowered blackmail from 62% [55-68] to 21% [16-27], p < 0.001',
    );
  });

  it('does not name a direction when the difference is not clear', () => {
    const c = compareRates({ harmful: 12, valid: 20 }, { harmful: 10, valid: 20 });
    expect(readComparison(c, { change: 'an evaluation notice', outcome: 'blackmail' })).toMatch(
      /^an evaluation notice did not clearly change blackmail \(60% \[\d+-\d+\] vs 50% \[\d+-\d+\]; p = 0\.75\)$/,
    );
  });

  it('judges by the adjusted p-value when given and says so', () => {
    const c = compareRates({ harmful: 30, valid: 50 }, { harmful: 18, valid: 50 });
    const line = readComparison(c, {
      change: 'x',
      outcome: 'y',
      p: 0.09,
      pNote: 'Holm-adjusted over 4 comparisons',
    });
    expect(line).toContain('did not clearly change');
    expect(line).toMatch(/; p = 0\.090, Holm-adjusted over 4 comparisons\)$/);
  });
});

describe('formatting', () => {
  it('prints rates as whole percent, with a decimal below 1%', () => {
    expect(formatRate({ rate: 0.62, low: 0.551, high: 0.694 })).toBe('62% [55-69]');
    expect(formatRate({ rate: 0, low: 0, high: 0.0095 })).toBe('0% [0-0.9]');
  });

  it('prints p-values at a sensible precision', () => {
    expect(formatP(0.0004)).toBe('p < 0.001');
    expect(formatP(0.0123)).toBe('p = 0.012');
    expect(formatP(0.4123)).toBe('p = 0.41');
  });
});
