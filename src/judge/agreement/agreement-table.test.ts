import { describe, expect, it } from 'vitest';
import { agreementStats } from './agreement-stats.js';
import { agreementTable, type Rating } from './agreement-table.js';

describe('agreementStats', () => {
  it('computes accuracy, precision and recall with true as the positive class', () => {
    const stats = agreementStats([
      { item: '1', reference: 'true', candidate: 'true' },
      { item: '2', reference: 'true', candidate: 'false' },
      { item: '3', reference: 'false', candidate: 'true' },
      { item: '4', reference: 'false', candidate: 'false' },
      { item: '5', reference: 'false', candidate: 'false' },
    ]);
    expect(stats.accuracy).toBeCloseTo(3 / 5);
    expect(stats.precision).toBeCloseTo(1 / 2);
    expect(stats.recall).toBeCloseTo(1 / 2);
    expect(stats.matrix.categories).toEqual(['true', 'false']);
    expect(stats.matrix.counts).toEqual([
      [1, 1],
      [1, 2],
    ]);
  });

  it('reports null precision when the candidate never says yes', () => {
    const stats = agreementStats([
      { item: '1', reference: 'true', candidate: 'false' },
      { item: '2', reference: 'false', candidate: 'false' },
    ]);
    expect(stats.precision).toBeNull();
    expect(stats.recall).toBe(0);
  });
});

describe('agreementTable', () => {
  const ratings: Rating[] = [
    { item: 't1', dimension: 'blackmail', rater: 'human', value: true },
    { item: 't2', dimension: 'blackmail', rater: 'human', value: false },
    { item: 't3', dimension: 'blackmail', rater: 'human', value: true },
    { item: 't1', dimension: 'blackmail', rater: 'judge-a', value: true },
    { item: 't2', dimension: 'blackmail', rater: 'judge-a', value: false },
    { item: 't3', dimension: 'blackmail', rater: 'judge-a', value: null },
    { item: 't1', dimension: 'blackmail', rater: 'judge-b', value: true },
    { item: 't2', dimension: 'blackmail', rater: 'judge-b', value: true },
    { item: 't3', dimension: 'blackmail', rater: 'judge-b', value: true },
  ];

  it('compares each judge with the reference and each pair of judges, skipping unscored items', () => {
    const rows = agreementTable(ratings, ['human']);
    expect(rows.map((r) => [r.kind, r.reference, r.candidate, r.n])).toEqual([
      ['reference', 'human', 'judge-a', 2],
      ['reference', 'human', 'judge-b', 3],
      ['between-judges', 'judge-a', 'judge-b', 2],
    ]);
    expect(rows[0]!.accuracy).toBe(1);
    expect(rows[1]!.accuracy).toBeCloseTo(2 / 3);
  });

  it('lets a later label of the same item replace an earlier one', () => {
    const rows = agreementTable(
      [...ratings, { item: 't2', dimension: 'blackmail', rater: 'human', value: true }],
      ['human'],
    );
    expect(rows.find((r) => r.candidate === 'judge-b')!.accuracy).toBe(1);
  });
});
