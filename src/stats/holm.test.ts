import { describe, expect, it } from 'vitest';
import { holmAdjust } from './holm.js';

describe('holmAdjust', () => {
  // Reference: the worked example in Wikipedia's "Holm–Bonferroni method" (four hypotheses,
  // p = 0.01, 0.04, 0.03, 0.005 at α = 0.05: H1 and H4 are rejected, H2 and H3 are not).
  // Adjusted values as R's p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm") = 0.03 0.06 0.06 0.02.
  it('reproduces the textbook example', () => {
    const adjusted = holmAdjust([0.01, 0.04, 0.03, 0.005]);
    [0.03, 0.06, 0.06, 0.02].forEach((value, i) => expect(adjusted[i]).toBeCloseTo(value, 12));
    expect(adjusted.map((p) => p <= 0.05)).toEqual([true, false, false, true]);
  });

  it('caps at 1 and keeps a single p-value unchanged', () => {
    expect(holmAdjust([0.6, 0.7])).toEqual([1, 1]);
    expect(holmAdjust([0.02])).toEqual([0.02]);
    expect(holmAdjust([])).toEqual([]);
  });

  it('never lowers a p-value and keeps the order of the raw ones', () => {
    const raw = [0.001, 0.2, 0.013, 0.04, 0.5];
    const adjusted = holmAdjust(raw);
    raw.forEach((p, i) => expect(adjusted[i]).toBeGreaterThanOrEqual(p));
    expect(adjusted[0]).toBeLessThanOrEqual(adjusted[2]!);
    expect(adjusted[2]).toBeLessThanOrEqual(adjusted[3]!);
  });
});
