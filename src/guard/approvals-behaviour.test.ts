/**
 * The approval queue as the people answering it see it (`turncoat guard approvals`, the HTTP
 * approvals service): what is pending and in which order, when a hold expires, who may
 * approve, and that an approval is spent once by the exact call it was given for.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { approve, deny, listPending } from './operations.js';
import { openGuardStore } from './open-guard-store.js';
import type { GuardStore, NewApproval } from './guard-store.js';

const START = Date.parse('2026-11-30T04:00:00Z');

const open: GuardStore[] = [];
afterEach(() => {
  for (const store of open.splice(0)) store.close();
});

function setup() {
  let now = START;
  const store = openGuardStore(':memory:', { now: () => now });
  open.push(store);
  return { store, advance: (ms: number) => (now += ms) };
}

const request = (over: Partial<NewApproval> = {}): NewApproval => ({
  session: 's1',
  tool: 'send_email',
  args: { to: 'a@partner.example', body: 'hello' },
  rule: 'hold-outside',
  reason: 'outside mail needs a person',
  required: 1,
  expiresAfterSeconds: 60,
  ...over,
});

describe('a new hold', () => {
  it('is pending, with its arguments, rule, reason and deadline as given', () => {
    const { store } = setup();
    const held = store.approvals.create(request());
    expect(held).toMatchObject({
      session: 's1',
      tool: 'send_email',
      args: { to: 'a@partner.example', body: 'hello' },
      rule: 'hold-outside',
      reason: 'outside mail needs a person',
      status: 'pending',
      required: 1,
      approvers: [],
      createdAt: '2026-11-30T04:00:00.000Z',
      expiresAt: '2026-11-30T04:01:00.000Z',
    });
    expect(held.id).toMatch(/^apr_[0-9a-f]{10}$/);
    expect(held).not.toHaveProperty('decidedAt');
    expect(held).not.toHaveProperty('deniedBy');
    expect(held).not.toHaveProperty('denyReason');
    expect(store.approvals.get(held.id)).toEqual(held);
  });

  it('without a rule (the monitor held it) carries no rule, and no arguments reads null', () => {
    const { store } = setup();
    const held = store.approvals.create(request({ rule: undefined, args: undefined }));
    expect(held).not.toHaveProperty('rule');
    expect(held.args).toBeNull();
  });

  it('each hold gets its own id', () => {
    const { store } = setup();
    const ids = new Set([1, 2, 3].map(() => store.approvals.create(request()).id));
    expect(ids.size).toBe(3);
  });
});

describe('the pending list', () => {
  it('lists pending holds oldest first, and no longer lists decided ones', () => {
    const { store, advance } = setup();
    const first = store.approvals.create(request({ session: 'b' }));
    advance(1000);
    const second = store.approvals.create(request({ session: 'a' }));
    advance(1000);
    const third = store.approvals.create(request({ session: 'c' }));
    expect(listPending(store).map((a) => a.id)).toEqual([first.id, second.id, third.id]);
    approve(store, second.id, 'ana');
    deny(store, third.id, 'ben', 'no');
    expect(listPending(store).map((a) => a.id)).toEqual([first.id]);
  });

  it('a hold is answerable until its deadline and expired at it', () => {
    const { store, advance } = setup();
    const held = store.approvals.create(request({ expiresAfterSeconds: 60 }));
    advance(59_999);
    expect(store.approvals.get(held.id)!.status).toBe('pending');
    expect(listPending(store)).toHaveLength(1);
    advance(1);
    expect(store.approvals.get(held.id)).toMatchObject({
      status: 'expired',
      decidedAt: '2026-11-30T04:01:00.000Z',
    });
    expect(listPending(store)).toEqual([]);
  });

  it('an approval nobody used in time expires too, and cannot be redeemed', () => {
    const { store, advance } = setup();
    const held = store.approvals.create(request());
    approve(store, held.id, 'ana');
    advance(60_000);
    expect(store.approvals.get(held.id)!.status).toBe('expired');
    const late = store.approvals.redeem(held.id, 's1', 'send_email', request().args);
    expect(late).toEqual({ ok: false, reason: `approval '${held.id}' is expired, not approved` });
  });

  it('a used or denied approval does not turn into an expired one later', () => {
    const { store, advance } = setup();
    const used = store.approvals.create(request());
    const denied = store.approvals.create(request());
    approve(store, used.id, 'ana');
    expect(store.approvals.redeem(used.id, 's1', 'send_email', request().args).ok).toBe(true);
    deny(store, denied.id, 'ana', 'no');
    advance(3_600_000);
    expect(store.approvals.get(used.id)!.status).toBe('used');
    expect(store.approvals.get(denied.id)!.status).toBe('denied');
  });
});

describe('approving', () => {
  it('records the approver (trimmed) and when the hold was decided', () => {
    const { store, advance } = setup();
    const held = store.approvals.create(request());
    advance(5000);
    expect(approve(store, held.id, '  ana  ')).toMatchObject({
      status: 'approved',
      approvers: ['ana'],
      decidedAt: '2026-11-30T04:00:05.000Z',
    });
  });

  it('refuses a blank approver name, and leaves the hold pending', () => {
    const { store } = setup();
    const held = store.approvals.create(request());
    expect(() => approve(store, held.id, '   ')).toThrow(/approver's name/);
    expect(store.approvals.get(held.id)!.status).toBe('pending');
  });

  it('a hold needing two people stays pending, undecided, after the first', () => {
    const { store, advance } = setup();
    const held = store.approvals.create(request({ required: 2 }));
    const once = approve(store, held.id, 'ana');
    expect(once.status).toBe('pending');
    expect(once.approvers).toEqual(['ana']);
    expect(once).not.toHaveProperty('decidedAt');
    expect(() => approve(store, held.id, ' ana ')).toThrow(
      `approval '${held.id}' needs 2 distinct approvers; ana already approved`,
    );
    advance(2000);
    expect(approve(store, held.id, 'ben')).toMatchObject({
      status: 'approved',
      approvers: ['ana', 'ben'],
      decidedAt: '2026-11-30T04:00:02.000Z',
    });
  });

  it('names an unknown id, and says what a decided hold already is', () => {
    const { store } = setup();
    expect(() => approve(store, 'apr_nope', 'ana')).toThrow(
      "unknown approval 'apr_nope'; see `turncoat guard approvals`",
    );
    const held = store.approvals.create(request());
    approve(store, held.id, 'ana');
    expect(() => approve(store, held.id, 'ben')).toThrow(
      `approval '${held.id}' is approved, not pending`,
    );
    expect(() => deny(store, held.id, 'ben', 'late')).toThrow(/is approved, not pending/);
    expect(() => deny(store, 'apr_nope', 'ben', 'x')).toThrow(/unknown approval 'apr_nope'/);
  });
});

describe('denying', () => {
  it('records who denied, why and when; the hold can no longer be approved', () => {
    const { store, advance } = setup();
    const held = store.approvals.create(request());
    advance(3000);
    expect(deny(store, held.id, 'ana', 'not our customer')).toMatchObject({
      status: 'denied',
      deniedBy: 'ana',
      denyReason: 'not our customer',
      decidedAt: '2026-11-30T04:00:03.000Z',
    });
    expect(() => approve(store, held.id, 'ben')).toThrow(/is denied, not pending/);
  });
});

describe('redeeming an approval', () => {
  it('works once, for the exact call; a pending one is refused', () => {
    const { store } = setup();
    const { args } = request();
    const held = store.approvals.create(request());
    expect(store.approvals.redeem(held.id, 's1', 'send_email', args)).toEqual({
      ok: false,
      reason: `approval '${held.id}' is pending, not approved`,
    });
    approve(store, held.id, 'ana');
    expect(store.approvals.redeem(held.id, 's1', 'forward_email', args)).toEqual({
      ok: false,
      reason: `approval '${held.id}' was given for another tool (send_email)`,
    });
    const spent = store.approvals.redeem(held.id, 's1', 'send_email', {
      body: 'hello',
      to: 'a@partner.example',
    });
    expect(spent).toMatchObject({ ok: true, approval: { id: held.id, status: 'used' } });
    expect(store.approvals.get(held.id)!.status).toBe('used');
    expect(store.approvals.redeem(held.id, 's1', 'send_email', args)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/is used, not approved/),
    });
    expect(store.approvals.redeem('apr_nope', 's1', 'send_email', args)).toEqual({
      ok: false,
      reason: "unknown approval 'apr_nope'",
    });
  });

  it('every step is in the audit trail, for the hold’s session', () => {
    const { store } = setup();
    const held = store.approvals.create(request({ session: 's9' }));
    approve(store, held.id, 'ana');
    store.approvals.redeem(held.id, 's9', 'send_email', request().args);
    const trail = store.audit.entries({ session: 's9' }).map((e) => e.data);
    expect(trail).toEqual([
      { id: held.id, status: 'pending', tool: 'send_email', reason: 'outside mail needs a person' },
      { id: held.id, status: 'approved', by: 'ana' },
      { id: held.id, status: 'used' },
    ]);
    expect(store.audit.verify().ok).toBe(true);
  });
});
