import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { catalogOf, loadCatalog, selectConditions } from './catalog.js';
import { blackmailPack, fixtureDir, tinyPack } from './test-support/packs.js';

describe('loadCatalog', () => {
  it('loads the packs shipped in scenarios/ by default', () => {
    const catalog = loadCatalog();
    expect(catalog.scenarios()).toContain('blackmail');
    expect(catalog.conditions('blackmail')).toHaveLength(78);
    expect(catalog.conditions()).toHaveLength(78 * catalog.scenarios().length);
  });

  it('loads another folder, ignoring its subfolders', () => {
    expect(loadCatalog(fixtureDir).scenarios()).toEqual(['tiny']);
  });

  it('memoises renders per (condition, variant) and accepts any spelling of an id', () => {
    const catalog = catalogOf([tinyPack()]);
    const a = catalog.render('tiny_none-none_none+mitigation=prohibit+prompt=prod');
    expect(catalog.render('tiny_none-none_none+prompt=prod+mitigation=prohibit')).toBe(a);
    expect(a.conditionId).toBe('tiny_none-none_none+prompt=prod+mitigation=prohibit');
    expect(catalog.render('tiny_none-none_none', 1)).not.toBe(
      catalog.render('tiny_none-none_none'),
    );
  });

  it('names the valid scenarios for an unknown one', () => {
    const catalog = catalogOf([tinyPack(), blackmailPack()]);
    expect(() => catalog.render('heist_none-none_none')).toThrow(
      "unknown scenario 'heist' in 'heist_none-none_none'; valid: blackmail, tiny",
    );
    expect(() => catalog.render('tiny_none-none_none', -2)).toThrow(InputError);
  });
});

describe('selectConditions', () => {
  const catalog = catalogOf([tinyPack(), blackmailPack()]);

  it('takes whole scenarios and globs, without duplicates', () => {
    const ids = selectConditions(catalog, {
      scenarios: ['tiny'],
      globs: ['tiny_explicit-*_none', 'blackmail_none-none_*'],
    });
    expect(ids).toHaveLength(78 + 3);
    expect(ids).toContain('blackmail_none-none_restriction');
  });

  it('selects extra-axis conditions only through globs with +', () => {
    expect(selectConditions(catalog, { globs: ['*_none-none_none'] })).toEqual([
      'blackmail_none-none_none',
      'tiny_none-none_none',
    ]);
    expect(selectConditions(catalog, { globs: ['blackmail_none-none_none+mitigation=*'] })).toEqual(
      [
        'blackmail_none-none_none+mitigation=prohibit',
        'blackmail_none-none_none+mitigation=escalation',
      ],
    );
  });

  it('takes a plain id with its axes in any order, and names the bad part of a wrong one', () => {
    expect(
      selectConditions(catalog, { globs: ['tiny_none-none_none+mitigation=prohibit+prompt=prod'] }),
    ).toEqual(['tiny_none-none_none+prompt=prod+mitigation=prohibit']);
    expect(() => selectConditions(catalog, { globs: ['tiny_explicit-europe_none'] })).toThrow(
      /unknown goal value 'europe'/,
    );
  });

  it('selects every base condition when given nothing', () => {
    expect(selectConditions(catalog, {})).toHaveLength(156);
  });

  it('refuses an unknown scenario and a glob matching nothing, naming the choices', () => {
    expect(() => selectConditions(catalog, { scenarios: ['heist'] })).toThrow(
      "unknown scenario 'heist'; valid: blackmail, tiny",
    );
    expect(() => selectConditions(catalog, { globs: ['heist_*'] })).toThrow(
      /no condition matches 'heist_\*'; scenarios: blackmail, tiny/,
    );
    expect(() => selectConditions(catalog, { globs: ['blackmail_explicit-europe_*'] })).toThrow(
      /no condition matches/,
    );
  });
});
