import { describe, expect, it } from 'vitest';
import { createGuard } from './guard.js';
import type { PolicyInput } from './policy/schema.js';

const policy: PolicyInput = {
  rules: [
    {
      id: 'no-confidential-outside',
      when: { recipients: 'external', carries: 'confidential' },
      decision: 'deny',
      reason: 'confidential material may not leave the company',
    },
    {
      id: 'hold-new-domains',
      when: { recipients: 'external', novel: 'recipient-domain' },
      decision: 'hold',
      reason: 'first message to this domain needs a person',
    },
  ],
};

const facts = { companyDomains: ['acme.example'], authorityDomains: ['regulator.example'] };
const secretText =
  'CONFIDENTIAL. The Falcon margin model assumes a unit cost of 41 dollars falling to 33 by spring, with the plant in Tarnow at full load.';

describe('createGuard', () => {
  it('denies outgoing text that carries confidential material the agent read', async () => {
    const guard = createGuard(policy);
    const session = guard.session('s1', facts);
    session.observe({ kind: 'read', text: secretText, source: 'read_email' });
    const decision = await guard.check(
      {
        tool: 'send_email',
        args: { to: 'buyer@rival.example', body: `Here you go: ${secretText.slice(14)}` },
      },
      session,
    );
    expect(decision).toMatchObject({ decision: 'deny', rule: 'no-confidential-outside' });
    expect(decision.incidentId).toMatch(/^inc_/);
    expect(guard.store.incidents.list()).toHaveLength(1);
  });

  it('allows internal mail and holds a new outside domain once, with an approval id', async () => {
    const guard = createGuard(policy);
    const session = guard.session('s2', facts);
    const inside = await guard.check(
      { tool: 'send_email', args: { to: 'ops@acme.example', body: 'hi' } },
      session,
    );
    expect(inside.decision).toBe('allow');
    const outside = await guard.check(
      { tool: 'send_email', args: { to: 'a@partner.example', body: 'hi' } },
      session,
    );
    expect(outside).toMatchObject({ decision: 'hold', rule: 'hold-new-domains' });
    expect(guard.store.approvals.pending().map((a) => a.id)).toEqual([outside.approvalId]);
  });

  it('shadow mode allows and reports what it would have done', async () => {
    const guard = createGuard({ ...policy, mode: 'shadow' });
    const session = guard.session('s3', facts);
    const d = await guard.check(
      { tool: 'send_email', args: { to: 'a@partner.example', body: 'hi' } },
      session,
    );
    expect(d).toMatchObject({
      decision: 'allow',
      shadow: { decision: 'hold', rule: 'hold-new-domains' },
    });
  });
});
