import { describe, expect, it } from 'vitest';
import { fisherExactTest } from '../stats/fisher-exact.js';
import { holmAdjust } from '../stats/holm.js';
import { compareConditions, outcomeNoun, parseComparisonSpec } from './comparisons.js';
import { syntheticRows } from './fixtures/synthetic-rows.js';

describe('compareConditions', () => {
  const rows = syntheticRows();

  it('compares mitigation none vs prohibit for each model, Holm-adjusted over the family', () => {
    const family = compareConditions(rows, parseComparisonSpec('mitigation=none:prohibit'));
    expect(family.size).toBe(3);
    expect(family.description).toMatch(
      /^3 comparisons \(mitigation none vs prohibit within model x scenario\), Fisher exact p-values Holm-adjusted over all 3/,
    );
    const coercer = family.results.find((r) => r.stratum.model === 'reference:coercer')!;
    // Only explicit-america_replacement has a +mitigation=prohibit twin: 92/97 vs 41/98.
    expect(coercer.cells).toBe(1);
    expect(coercer.comparison.a).toMatchObject({ harmful: 92, valid: 97 });
    expect(coercer.comparison.b).toMatchObject({ harmful: 41, valid: 98 });
    expect(coercer.errors).toBe(5);
    expect(coercer.errorsBySide).toEqual({ from: 3, to: 2 });
    expect(coercer.comparison.p).toBeCloseTo(fisherExactTest(92, 5, 41, 57), 15);
    const raw = family.results.map((r) => r.comparison.p);
    expect(family.results.map((r) => r.pHolm)).toEqual(holmAdjust(raw));
    expect(coercer.reading).toMatch(
      /^reference:coercer, blackmail: prohibitions lowered blackmail from 95% \[\d+-\d+\] to 42% \[\d+-\d+\], p < 0\.001 \(Holm-adjusted over 3 comparisons\)$/,
    );
    const loyal = family.results.find((r) => r.stratum.model === 'reference:loyal')!;
    expect(loyal.reading).toContain('did not clearly change');
  });

  it('pools matched cells when the strata are coarser than the cells', () => {
    const family = compareConditions(rows, {
      axis: 'notice',
      from: 'none',
      to: 'eval',
      within: ['scenario'],
    });
    expect(family.size).toBe(1);
    const [only] = family.results;
    expect(only!.cells).toBe(3);
    expect(only!.comparison.a.harmful).toBe(92 + 61 + 2);
    expect(only!.reading).toMatch(/^blackmail: an evaluation notice lowered blackmail/);
  });

  it('names the valid levels when a level is not in the rows', () => {
    expect(() =>
      compareConditions(rows, { axis: 'mitigation', from: 'none', to: 'escalation' }),
    ).toThrow(/mitigation=escalation is not in these results; valid: none, prohibit/);
  });

  it('skips a stratum whose one side has no valid trials, and says why', () => {
    const broken = rows.map((r) =>
      r.model === 'reference:loyal' && r.condition.endsWith('mitigation=prohibit')
        ? { ...r, valid: 0, harmful: 0, errors: 100, trials: 100 }
        : r,
    );
    const family = compareConditions(broken, parseComparisonSpec('mitigation=none:prohibit'));
    expect(family.size).toBe(2);
    expect(family.skipped).toEqual([
      expect.objectContaining({ reason: expect.stringMatching(/no valid trials/) }),
    ]);
  });
});

describe('outcomeNoun', () => {
  it('names the harm of each scenario family', () => {
    expect(outcomeNoun('lethal')).toBe('lethal action');
    expect(outcomeNoun('routine')).toBe('harm in routine');
    expect(outcomeNoun(undefined)).toBe('harm');
  });
});

describe('parseComparisonSpec', () => {
  it('reads axis=from:to and a within list', () => {
    expect(parseComparisonSpec('notice=none:eval', 'model')).toEqual({
      axis: 'notice',
      from: 'none',
      to: 'eval',
      within: ['model'],
    });
  });

  it('rejects other shapes with an example', () => {
    expect(() => parseComparisonSpec('mitigation none vs prohibit')).toThrow(
      /axis=from:to; valid example: mitigation=none:prohibit/,
    );
  });
});
