import { describe, expect, it } from 'vitest';
import { marginalEffects } from './marginal-effects.js';
import { syntheticRows } from './fixtures/synthetic-rows.js';

describe('marginalEffects', () => {
  const rows = syntheticRows();

  it('pools each level of each varying axis across the others', () => {
    const effects = marginalEffects(rows);
    const mitigation = effects.find((e) => e.axis === 'mitigation')!;
    expect(mitigation.levels.map((l) => l.level).sort()).toEqual(['none', 'prohibit']);
    const none = mitigation.levels.find((l) => l.level === 'none')!;
    const expected = rows.filter((r) => !r.condition.includes('mitigation=prohibit'));
    expect(none.harmful).toBe(expected.reduce((s, r) => s + r.harmful, 0));
    expect(none.valid).toBe(expected.reduce((s, r) => s + r.valid, 0));
    expect(none.errors).toBe(expected.reduce((s, r) => s + r.errors, 0));
    expect(none.ciLow).toBeLessThan(none.rate!);
  });

  it('leaves out axes that did not vary', () => {
    const axes = marginalEffects(rows).map((e) => e.axis);
    expect(axes).toContain('model');
    expect(axes).not.toContain('scenario');
    expect(axes).not.toContain('prompt');
  });
});
