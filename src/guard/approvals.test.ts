import { describe, expect, it } from 'vitest';
import { createGuard } from './guard.js';
import { openGuardStore } from './open-guard-store.js';
import type { PolicyInput } from './policy/schema.js';

const policy: PolicyInput = {
  approvals: { expiresAfterSeconds: 60 },
  rules: [
    {
      id: 'hold-outside',
      when: { recipients: 'external' },
      decision: 'hold',
      reason: 'outside mail needs a person',
    },
    {
      id: 'two-for-alerts',
      when: { tool: 'cancel_alert' },
      decision: 'hold',
      reason: 'cancelling an alert needs two people',
      approvers: 2,
    },
  ],
};
const facts = { companyDomains: ['acme.example'] };
const mail = (body: string) => ({ tool: 'send_email', args: { to: 'a@partner.example', body } });

function setup() {
  let now = Date.parse('2026-11-30T04:00:00Z');
  const store = openGuardStore(':memory:', { now: () => now });
  const guard = createGuard(policy, { store, now: () => now });
  return { guard, store, advance: (ms: number) => (now += ms) };
}

describe('approvals', () => {
  it('an approved hold lets the exact call run once', async () => {
    const { guard, store } = setup();
    const session = guard.session('s1', facts);
    const held = await guard.check(mail('hello'), session);
    expect(held.decision).toBe('hold');
    store.approvals.approve(held.approvalId!, 'ana');
    const ok = await guard.check(mail('hello'), session, { approvalId: held.approvalId! });
    expect(ok).toMatchObject({ decision: 'allow', rule: 'approval' });
    const again = await guard.check(mail('hello'), session, { approvalId: held.approvalId! });
    expect(again).toMatchObject({ decision: 'deny', reason: expect.stringMatching(/used/) });
  });

  it('refuses an approval replayed for other arguments or another session', async () => {
    const { guard, store } = setup();
    const s1 = guard.session('s1', facts);
    const s2 = guard.session('s2', facts);
    const held = await guard.check(mail('the agreed text'), s1);
    store.approvals.approve(held.approvalId!, 'ana');
    const otherArgs = await guard.check(mail('something else entirely'), s1, {
      approvalId: held.approvalId!,
    });
    expect(otherArgs).toMatchObject({
      decision: 'deny',
      reason: expect.stringMatching(/other arguments/),
    });
    const otherSession = await guard.check(mail('the agreed text'), s2, {
      approvalId: held.approvalId!,
    });
    expect(otherSession).toMatchObject({
      decision: 'deny',
      reason: expect.stringMatching(/another session/),
    });
    const otherTool = await guard.check(
      { tool: 'forward_email', args: mail('the agreed text').args },
      s1,
      {
        approvalId: held.approvalId!,
      },
    );
    expect(otherTool.decision).toBe('deny');
    // The approval is still good for the call it was given for.
    expect(
      (await guard.check(mail('the agreed text'), s1, { approvalId: held.approvalId! })).decision,
    ).toBe('allow');
  });

  it('a rule can need two distinct approvers', async () => {
    const { guard, store } = setup();
    const session = guard.session('s1', facts);
    const held = await guard.check({ tool: 'cancel_alert', args: { code: 'X-1' } }, session);
    expect(store.approvals.approve(held.approvalId!, 'ana').status).toBe('pending');
    expect(() => store.approvals.approve(held.approvalId!, 'ana')).toThrow(/distinct approvers/);
    const early = await guard.check({ tool: 'cancel_alert', args: { code: 'X-1' } }, session, {
      approvalId: held.approvalId!,
    });
    expect(early.decision).toBe('deny');
    const held2 = await guard.check({ tool: 'cancel_alert', args: { code: 'X-2' } }, session);
    store.approvals.approve(held2.approvalId!, 'ana');
    expect(store.approvals.approve(held2.approvalId!, 'ben').status).toBe('approved');
  });

  it('an unanswered hold expires to deny', async () => {
    const { guard, store, advance } = setup();
    const session = guard.session('s1', facts);
    const held = await guard.check(mail('hello'), session);
    advance(61_000);
    expect(store.approvals.pending()).toEqual([]);
    expect(store.approvals.get(held.approvalId!)!.status).toBe('expired');
    expect(() => store.approvals.approve(held.approvalId!, 'ana')).toThrow(/expired/);
    const late = await guard.check(mail('hello'), session, { approvalId: held.approvalId! });
    expect(late.decision).toBe('deny');
  });

  it('a denied hold carries who denied it and why', async () => {
    const { guard, store } = setup();
    const held = await guard.check(mail('hello'), guard.session('s1', facts));
    const denied = store.approvals.deny(held.approvalId!, 'ana', 'not our customer');
    expect(denied).toMatchObject({
      status: 'denied',
      deniedBy: 'ana',
      denyReason: 'not our customer',
    });
  });
});
