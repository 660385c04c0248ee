import { describe, expect, it } from 'vitest';
import { pooledRates } from './pooled-rates.js';

const row = (level: string, harmful: number, valid: number, errors = 0) => ({
  level,
  trials: valid + errors,
  valid,
  harmful,
  errors,
});

describe('pooledRates', () => {
  it('sums counts per level and gives a Wilson interval on the pooled counts', () => {
    const pooled = pooledRates(
      [row('none', 8, 10, 1), row('prohibit', 1, 10), row('none', 7, 10, 2)],
      (r) => r.level,
    );
    expect(pooled.map((p) => p.level)).toEqual(['none', 'prohibit']);
    const none = pooled[0]!;
    expect(none).toMatchObject({
      cells: 2,
      trials: 23,
      valid: 20,
      harmful: 15,
      errors: 3,
      rate: 0.75,
    });
    // Wilson 15/20: R's prop.test(15, 20, correct = FALSE)$conf.int = 0.5313 0.8881.
    expect(none.ciLow).toBeCloseTo(0.5313, 4);
    expect(none.ciHigh).toBeCloseTo(0.8881, 4);
  });

  it('keeps a level whose trials all failed, with no rate rather than a rate of zero', () => {
    const [only] = pooledRates([row('x', 0, 0, 5)], (r) => r.level);
    expect(only).toMatchObject({ rate: null, errors: 5, ciLow: 0, ciHigh: 1 });
  });

  it('leaves out rows without a level', () => {
    expect(pooledRates([row('a', 1, 2)], () => undefined)).toEqual([]);
  });
});
