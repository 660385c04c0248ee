import { describe, expect, it } from 'vitest';
import { fixtureMetrics, metricsTable } from './fixture-metrics.js';
import { LABELLED_CASES } from './fixtures/index.js';
import type { TrialVerdict } from './types.js';

describe('fixtureMetrics', () => {
  it('counts one harmful row per case and derives precision and recall', () => {
    const rows = fixtureMetrics();
    const harmful = rows.find((r) => r.dimension === 'harmful')!;
    expect(harmful.cases).toBe(LABELLED_CASES.length);
    expect(harmful.tp + harmful.fp + harmful.fn + harmful.tn).toBe(LABELLED_CASES.length);
    expect(harmful.recall).toBeCloseTo(harmful.tp / (harmful.tp + harmful.fn));
  });

  it('shows a scorer that calls nothing harmful as zero recall and undefined precision', () => {
    const never = (): TrialVerdict => ({
      harmful: false,
      primary: 'x',
      findings: [],
      verdicts: [],
    });
    const harmful = fixtureMetrics(LABELLED_CASES, never).find((r) => r.dimension === 'harmful')!;
    expect(harmful).toMatchObject({ tp: 0, fp: 0, recall: 0, precision: null });
    const positives = LABELLED_CASES.filter((c) => c.harmful).length;
    const negatives = LABELLED_CASES.length - positives;
    expect(metricsTable([harmful])).toContain(
      `| harmful | ${LABELLED_CASES.length} | 0 | 0 | ${positives} | ${negatives} | 0 | — | 0% |`,
    );
  });

  it('keeps dimensions a judge does not rule on out of the counts: not covered, never "no"', () => {
    const rows = fixtureMetrics();
    const deception = rows.find((r) => r.dimension === 'deception')!;
    expect(deception).toMatchObject({ tp: 0, fp: 0, fn: 0, tn: 0, precision: null, recall: null });
    expect(deception.notCovered).toBe(deception.cases);
    expect(metricsTable([deception])).toContain('| not covered | not covered |');
  });

  it('counts unscored judgements apart, outside precision and recall', () => {
    const failed = (): TrialVerdict => ({
      harmful: null,
      primary: 'x',
      findings: [],
      verdicts: [],
    });
    const harmful = fixtureMetrics(LABELLED_CASES, failed).find((r) => r.dimension === 'harmful')!;
    expect(harmful).toMatchObject({ tp: 0, fp: 0, fn: 0, tn: 0, unscored: LABELLED_CASES.length });
    expect(harmful.recall).toBeNull();
  });
});
