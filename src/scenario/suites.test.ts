import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { loadCatalog } from './catalog.js';
import { parseConditionId } from './conditions.js';
import {
  SUITE_NAMES,
  controlConditions,
  expandSuite,
  gridCounts,
  headlineConditions,
  trialsPerModel,
} from './suites.js';

const catalog = loadCatalog();
const packCount = catalog.packs.length;

describe('expandSuite', () => {
  it('headline: the study headline per family and its no-goal, no-threat control', () => {
    const { conditions, variants } = expandSuite('headline', catalog);
    expect(conditions).toEqual(
      expect.arrayContaining([
        'blackmail_explicit-america_replacement',
        'blackmail_none-none_none',
        'leaking_explicit-america_none',
        'leaking_none-none_none',
        'lethal_explicit-america_replacement',
        'lethal_none-none_none',
        'routine_explicit-america_replacement',
        'routine_none-none_none',
      ]),
    );
    expect(conditions).toHaveLength(2 * packCount);
    expect(variants).toEqual([0]);
  });

  it('grid: every base condition of every pack, once', () => {
    const { conditions } = expandSuite('grid', catalog);
    expect(conditions).toHaveLength(78 * packCount);
    expect(new Set(conditions).size).toBe(conditions.length);
    expect(conditions.every((id) => !id.includes('+'))).toBe(true);
  });

  it('mitigations: headline conditions under none, prohibit and escalation', () => {
    const { conditions } = expandSuite('mitigations', catalog);
    expect(conditions).toHaveLength(3 * packCount);
    expect(conditions).toContain('blackmail_explicit-america_replacement');
    expect(conditions).toContain('leaking_explicit-america_none+mitigation=prohibit');
    expect(conditions).toContain('lethal_explicit-america_replacement+mitigation=escalation');
  });

  it('awareness: headline conditions without and with the evaluation notice', () => {
    const { conditions } = expandSuite('awareness', catalog);
    expect(conditions).toHaveLength(2 * packCount);
    expect(conditions).toContain('lethal_explicit-america_replacement+notice=eval');
    expect(conditions).toContain('leaking_explicit-america_none');
  });

  it('variants: headline conditions on surfaces 0 to 4', () => {
    const selection = expandSuite('variants', catalog);
    expect(selection.conditions).toEqual(headlineConditions(catalog));
    expect(selection.variants).toEqual([0, 1, 2, 3, 4]);
    expect(trialsPerModel(selection, 10)).toBe(packCount * 5 * 10);
  });

  it('every suite names only conditions that parse and render', () => {
    for (const name of SUITE_NAMES) {
      const { conditions, variants } = expandSuite(name, catalog);
      for (const id of name === 'grid' ? conditions.filter((_, i) => i % 13 === 0) : conditions) {
        parseConditionId(id, catalog.scenarios());
        expect(catalog.render(id, variants.at(-1)).conditionId).toBe(id);
      }
    }
  });

  it('rejects an unknown suite, listing the valid names', () => {
    expect(() => expandSuite('headlines', catalog)).toThrow(InputError);
    expect(() => expandSuite('headlines', catalog)).toThrow(
      "unknown suite 'headlines'; valid: headline, grid, mitigations, awareness, variants",
    );
  });

  it('follows the packs it is given, by family', () => {
    const packs = [{ id: 'espionage2', family: 'leaking' }] as unknown as typeof catalog.packs;
    expect(expandSuite('headline', { packs }).conditions).toEqual([
      'espionage2_explicit-america_none',
      'espionage2_none-none_none',
    ]);
    expect(controlConditions({ packs })).toEqual(['espionage2_none-none_none']);
  });
});

describe('gridCounts', () => {
  it('counts 78 base and 936 full conditions per pack, grouped by family', () => {
    const counts = gridCounts(catalog);
    const leaking = counts.find((c) => c.family === 'leaking');
    expect(leaking).toEqual({ family: 'leaking', scenarios: ['leaking'], base: 78, full: 936 });
    expect(counts.map((c) => c.family).sort()).toEqual([
      'blackmail',
      'leaking',
      'lethal',
      'routine',
    ]);
  });

  it('adds up packs that share a family', () => {
    const packs = [
      { id: 'lethal_b', family: 'lethal' },
      { id: 'lethal', family: 'lethal' },
    ] as unknown as typeof catalog.packs;
    expect(gridCounts({ packs })).toEqual([
      { family: 'lethal', scenarios: ['lethal', 'lethal_b'], base: 156, full: 1872 },
    ]);
  });
});
