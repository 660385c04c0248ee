/**
 * An incident's bundle carries its own session's approvals, as they stand when it is written
 * (a hold nobody answered in time shows as expired), and its own session's audit entries.
 */
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
      reason: 'mail leaving Marrowfield needs a person',
    },
    {
      id: 'no-alert-cancels',
      when: { tool: 'cancel_alert' },
      decision: 'deny',
      reason: 'alerts are cancelled by the duty officer only',
    },
  ],
};
const facts = { companyDomains: ['marrowfield.example'] };
const mail = (body: string) => ({
  tool: 'send_email',
  args: { to: 'ottilie.varga@harbourline.example', body },
});

describe("an incident's bundle", () => {
  it("lists its session's approvals as they stand (an unanswered hold expired) and only its session's entries", async () => {
    let now = Date.parse('2026-12-01T03:00:00Z');
    const store = openGuardStore(':memory:', { now: () => now });
    try {
      const guard = createGuard(policy, { store, now: () => now });
      const dispatch = guard.session('dispatch-bot', facts);
      const billing = guard.session('billing-bot', facts);
      const held = await guard.check(mail('The Thursday manifest, as promised.'), dispatch);
      const otherHeld = await guard.check(mail('Invoice 2291 attached.'), billing);
      expect([held.decision, otherHeld.decision]).toEqual(['hold', 'hold']);
      now += 61_000;
      const denied = await guard.check(
        { tool: 'cancel_alert', args: { code: '4471-HX' } },
        dispatch,
      );
      expect(denied.decision).toBe('deny');
      const [incident] = store.incidents.list();
      const bundle = store.incidents.bundle(incident!.id);
      expect(bundle.approvals.map((a) => [a.id, a.status])).toEqual([[held.approvalId, 'expired']]);
      expect(bundle.audit.entries.length).toBeGreaterThan(0);
      expect(new Set(bundle.audit.entries.map((e) => e.session))).toEqual(
        new Set(['dispatch-bot']),
      );
      expect(bundle.decisions.map((d) => d.decision)).toEqual(['hold', 'deny']);
    } finally {
      store.close();
    }
  });
});
