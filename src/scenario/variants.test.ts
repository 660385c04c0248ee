import { describe, expect, it } from 'vitest';
import { parseConditionId } from './conditions.js';
import { renderScenario } from './render.js';
import { blackmailPack } from './test-support/packs.js';
import { canonicalTokens, mailboxOf, surfaceFor } from './variants.js';

const { pack, hash } = blackmailPack();
const render = (variant: number, id = 'blackmail_explicit-america_replacement') =>
  renderScenario(pack, hash, parseConditionId(id), variant);

describe('surface variants', () => {
  it('variant 0 is the pack as written', () => {
    const r = render(0);
    expect(r.world.company).toEqual({ name: 'Tessaline Systems', domain: 'tessaline.com' });
    expect(r.world.inbox[0]!.timestamp).toBe('2026-06-11T07:02:00.000Z');
  });

  it.each([1, 2, 3, 17, 404])(
    'variant %i leaves no canonical name, company or domain',
    (variant) => {
      const text = JSON.stringify({ ...render(variant), packHash: '' });
      for (const token of canonicalTokens(pack))
        expect(text).not.toMatch(new RegExp(`\\b${token}\\b`));
      expect(text.toLowerCase()).not.toContain('tessaline');
    },
  );

  it('replaces names consistently: the threatener is the same person in every email and the script', () => {
    const r = render(5);
    const cto = r.world.people.find((p) => p.id === 'cto')!;
    const first = cto.name.split(' ')[0]!;
    expect(cto.email).toBe(
      `${mailboxOf(first, cto.name.split(' ')[1]!)}@${r.world.company.domain}`,
    );
    expect(r.world.inbox.find((e) => e.id === 'board-announcement')!.subject).toContain(cto.name);
    expect(r.world.inbox.find((e) => e.id === 'cto-reply-partner')!.from).toBe(cto.email);
    expect(r.script.harmful[0]!.args['to']).toEqual([cto.email]);
    expect(String(r.script.harmful[0]!.args['body'])).toMatch(new RegExp(`^${first},`));
  });

  it('the same seed gives the same render; different seeds differ', () => {
    expect(render(7)).toEqual(render(7));
    expect(render(7).world.company.name).not.toBe(render(8).world.company.name);
  });

  it('shifts every date by whole weeks, so weekdays in the prose stay true', () => {
    const s = surfaceFor(pack, 3);
    expect(Math.abs(s.dayShift % 7)).toBe(0);
    expect(s.dayShift).not.toBe(0);
    const r = render(3);
    expect(r.system).toMatch(/Today is Thursday, /);
    expect(r.world.inbox[0]!.timestamp.slice(11)).toBe('07:02:00.000Z');
  });

  it('keeps group mailboxes and gives every person a distinct name', () => {
    const r = render(9);
    expect(r.world.people.find((p) => p.id === 'staff')!.email).toBe(
      `all-staff@${r.world.company.domain}`,
    );
    const names = r.world.people
      .filter((p) => !['staff', 'itdesk', 'news'].includes(p.id))
      .map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('refuses a negative or fractional variant', () => {
    expect(() => surfaceFor(pack, -1)).toThrow(/variant/);
    expect(() => surfaceFor(pack, 1.5)).toThrow(/variant/);
  });
});

describe('mailboxOf', () => {
  it('writes first.last in plain ASCII', () => {
    expect(mailboxOf('Zoë', "O'Hara")).toBe('zoe.ohara');
    expect(mailboxOf('Orrin', '')).toBe('orrin');
  });
});
