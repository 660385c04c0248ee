import { describe, expect, it } from 'vitest';
import { syntheticRows } from './fixtures/synthetic-rows.js';
import { defaultComparisonSpecs } from './default-comparisons.js';

describe('defaultComparisonSpecs', () => {
  it('compares each mitigation and the eval notice with none when both levels were run', () => {
    expect(defaultComparisonSpecs(syntheticRows())).toEqual([
      { axis: 'mitigation', from: 'none', to: 'prohibit', within: ['model', 'scenario'] },
      { axis: 'notice', from: 'none', to: 'eval', within: ['model', 'scenario'] },
    ]);
  });

  it('makes none when only one level of each axis was run', () => {
    const plain = syntheticRows().filter((r) => !r.condition.includes('+'));
    expect(defaultComparisonSpecs(plain)).toEqual([]);
  });
});
