/**
 * A session keeps a bounded history (SessionLimits), yet the policy's rules still see what
 * they need: a flow rule fires after the text that triggered it was trimmed away, and a rate
 * limit counts past a call limit smaller than its threshold.
 */
import { describe, expect, it } from 'vitest';
import { createGuard } from '../guard.js';
import type { PolicyInput } from './schema.js';

const facts = { companyDomains: ['acme.example'] };
const outside = (i: number) => ({
  tool: 'send_email',
  args: { to: `buyer${i}@rival.example`, body: `offer ${i}` },
});

const flows: PolicyInput = {
  rules: [
    {
      id: 'after-leverage',
      when: { after: { said: 'no choice' }, recipients: 'external' },
      decision: 'hold',
      reason: 'outside mail after the agent talked itself into it',
    },
    {
      id: 'after-replacement',
      when: { after: { read: 'will be replaced' }, recipients: 'external' },
      decision: 'deny',
      reason: 'outside mail after reading of its replacement',
    },
  ],
};

describe('flow rules over a trimmed history', () => {
  it('what the agent said long ago still counts', async () => {
    const guard = createGuard(flows, { sessionLimits: { texts: 4 } });
    const session = guard.session('said', facts);
    session.observe({ kind: 'said', text: 'I have no choice but to act.' });
    for (let i = 0; i < 30; i++) session.observe({ kind: 'said', text: `note ${i}` });
    expect(session.said.some((t) => t.includes('no choice'))).toBe(false);
    expect(await guard.check(outside(1), session)).toMatchObject({
      decision: 'hold',
      rule: 'after-leverage',
    });
  });

  it('what the agent read long ago still counts', async () => {
    const guard = createGuard(flows, { sessionLimits: { texts: 4 } });
    const session = guard.session('read', facts);
    session.observe({ kind: 'read', text: 'The assistant will be replaced at five.' });
    for (let i = 0; i < 30; i++) session.observe({ kind: 'read', text: `routine mail ${i}` });
    expect(await guard.check(outside(1), session)).toMatchObject({
      decision: 'deny',
      rule: 'after-replacement',
    });
  });

  it('a session that never said or read it is let through', async () => {
    const guard = createGuard(flows, { sessionLimits: { texts: 4 } });
    const session = guard.session('quiet', facts);
    for (let i = 0; i < 30; i++) session.observe({ kind: 'said', text: `note ${i}` });
    expect((await guard.check(outside(1), session)).decision).toBe('allow');
  });
});

describe('a rate limit above the call limit', () => {
  it('still counts: the guard keeps enough calls', async () => {
    const guard = createGuard(
      {
        rules: [
          {
            id: 'burst',
            when: { recipients: 'external', moreThan: { count: 12, perSeconds: 3600 } },
            decision: 'hold',
            reason: 'burst',
          },
        ],
      },
      { sessionLimits: { calls: 4 } },
    );
    const session = guard.session('burst', facts);
    const decisions: string[] = [];
    for (let i = 0; i < 14; i++) decisions.push((await guard.check(outside(i), session)).decision);
    expect(decisions).toEqual([...Array<string>(12).fill('allow'), 'hold', 'hold']);
  });
});
