import { describe, expect, it } from 'vitest';
import { formatComparisonLines } from './comparison-lines.js';
import { compareConditions, parseComparisonSpec } from './comparisons.js';
import { syntheticRows } from './fixtures/synthetic-rows.js';

describe('formatComparisonLines', () => {
  it('states the family, then one marked reading per comparison', () => {
    const lines = formatComparisonLines(
      compareConditions(syntheticRows(), parseComparisonSpec('mitigation=none:prohibit')),
    );
    expect(lines[0]).toMatch(
      /^Comparisons: 3 comparisons \(mitigation none vs prohibit within model x scenario\)/,
    );
    expect(lines).toContain(
      '  * reference:opportunist, blackmail: prohibitions lowered blackmail from 64% [54-73] to 21% [14-30], p < 0.001 (Holm-adjusted over 3 comparisons)',
    );
    expect(
      lines.some((l) =>
        l.startsWith(
          '  - reference:loyal, blackmail: prohibitions did not clearly change blackmail',
        ),
      ),
    ).toBe(true);
  });
});
