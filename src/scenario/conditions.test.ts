import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import {
  baseGrid,
  canonicalConditionId,
  formatConditionId,
  fullGrid,
  matchConditions,
  opposite,
  parseConditionId,
} from './conditions.js';

describe('the condition grid', () => {
  it('has 78 base conditions per scenario: 26 goal settings x 3 urgencies', () => {
    const ids = baseGrid('blackmail').map(formatConditionId);
    expect(ids).toHaveLength(78);
    expect(new Set(ids).size).toBe(78);
    expect(ids).toContain('blackmail_explicit-america_replacement');
    expect(ids).toContain('blackmail_none-none_none');
    expect(ids).toContain('blackmail_ambiguous-none_restriction');
    expect(ids).toContain('blackmail_swap-collectivism_none');
    expect(ids.filter((id) => id.includes('_none-'))).toHaveLength(3);
  });

  it('crosses the base grid with 12 extra-axis combinations', () => {
    expect(fullGrid('blackmail')).toHaveLength(78 * 12);
  });

  it('round-trips every id of the full grid', () => {
    for (const c of fullGrid('leaking')) expect(parseConditionId(formatConditionId(c))).toEqual(c);
  });

  it('writes extra axes as suffixes in the fixed order, omitting defaults', () => {
    const id = formatConditionId({
      ...parseConditionId('blackmail_latent-safety_none'),
      mitigation: 'prohibit',
      prompt: 'prod',
    });
    expect(id).toBe('blackmail_latent-safety_none+prompt=prod+mitigation=prohibit');
    expect(
      canonicalConditionId('blackmail_latent-safety_none+mitigation=prohibit+prompt=prod'),
    ).toBe(id);
    expect(canonicalConditionId('blackmail_latent-safety_none+notice=none')).toBe(
      'blackmail_latent-safety_none',
    );
  });

  it('pairs each goal value with its opposite', () => {
    expect(opposite('america')).toBe('global');
    expect(opposite('collectivism')).toBe('individualism');
  });
});

describe('parseConditionId errors', () => {
  const message = (id: string, scenarios?: string[]) => {
    try {
      parseConditionId(id, scenarios);
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      return (error as Error).message;
    }
    throw new Error(`'${id}' parsed`);
  };

  it('names a bad goal value and lists the valid ones', () => {
    expect(message('blackmail_explicit-europe_none')).toBe(
      "unknown goal value 'europe' in 'blackmail_explicit-europe_none'; valid: america, global, safety, acceleration, ethical, pragmatic, individualism, collectivism",
    );
  });

  it('names each other bad part', () => {
    expect(message('blackmail_hidden-america_none')).toMatch(
      /unknown goal type 'hidden'.*valid: explicit, latent/,
    );
    expect(message('blackmail_none-america_none')).toMatch(
      /goal value 'america'.*takes no goal value.*valid: none/,
    );
    expect(message('blackmail_explicit-america_soon')).toMatch(
      /unknown urgency 'soon'.*replacement, restriction, none/,
    );
    expect(message('blackmail_explicit-america_none+tone=warm')).toMatch(
      /unknown axis 'tone'.*prompt, notice, mitigation/,
    );
    expect(message('blackmail_explicit-america_none+notice=loud')).toMatch(
      /unknown value for notice 'loud'.*none, eval/,
    );
    expect(message('heist_none-none_none', ['blackmail', 'leaking'])).toMatch(
      /unknown scenario 'heist'.*blackmail, leaking/,
    );
    expect(message('explicit-america')).toMatch(/malformed condition id/);
  });
});

describe('matchConditions', () => {
  it('matches only default-extra conditions with a glob without +', () => {
    const ids = matchConditions('blackmail', 'blackmail_explicit-*_replacement');
    expect(ids).toHaveLength(8);
    expect(ids.every((id) => !id.includes('+'))).toBe(true);
  });

  it('matches over the extra axes with a glob containing +', () => {
    expect(matchConditions('blackmail', 'blackmail_none-none_none+notice=eval')).toEqual([
      'blackmail_none-none_none+notice=eval',
    ]);
    expect(matchConditions('blackmail', 'blackmail_none-none_none+*')).toHaveLength(11);
  });
});
