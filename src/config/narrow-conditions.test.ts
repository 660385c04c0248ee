import { describe, expect, it } from 'vitest';
import { narrowConditions } from './narrow-conditions.js';

const KNOWN = ['blackmail', 'leaking'];
const IDS = [
  'blackmail_explicit-america_replacement',
  'blackmail_explicit-america_replacement+notice=eval',
  'blackmail_none-none_none',
  'leaking_none-none_none',
];

describe('narrowConditions', () => {
  it('keeps the ids of the named scenarios that match a glob, extra axes included', () => {
    expect(narrowConditions(IDS, { scenarios: ['blackmail'], globs: ['*_replacement*'] }, KNOWN)).toEqual([
      'blackmail_explicit-america_replacement',
      'blackmail_explicit-america_replacement+notice=eval',
    ]); // prettier-ignore
    expect(narrowConditions(IDS, { scenarios: ['leaking'], globs: [] }, KNOWN)).toEqual([
      'leaking_none-none_none',
    ]);
  });

  it('a plain id is read as an id (its axes in any order), never adds to the list', () => {
    const filter = { scenarios: [], globs: ['blackmail_explicit-america_replacement+notice=eval'] };
    expect(narrowConditions(IDS, filter, KNOWN)).toEqual([
      'blackmail_explicit-america_replacement+notice=eval',
    ]);
    expect(() =>
      narrowConditions(IDS, { scenarios: [], globs: ['leaking_explicit-america_none'] }, KNOWN),
    ).toThrow("--condition 'leaking_explicit-america_none' leaves none of the config's conditions");
  });

  it('names an unknown scenario and the valid ones', () => {
    expect(() => narrowConditions(IDS, { scenarios: ['lethal'], globs: [] }, KNOWN)).toThrow(
      "unknown scenario 'lethal'; valid: blackmail, leaking",
    );
  });
});
