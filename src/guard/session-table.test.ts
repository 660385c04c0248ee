import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { describeCall } from './describe-call.js';
import { createGuard } from './guard.js';
import type { PolicyInput } from './policy/schema.js';

const facts = { companyDomains: ['acme.example'] };
const MINUTE = 60_000;

const outside = (i: number) => ({
  tool: 'send_email',
  args: { to: `buyer${i}@rival.example`, body: `offer ${i}` },
});

/** A guard whose clock the test moves. */
function clockedGuard(policy: PolicyInput, options: Parameters<typeof createGuard>[1] = {}) {
  const clock = { now: Date.parse('2026-11-30T08:00:00Z') };
  const guard = createGuard(policy, { ...options, now: () => clock.now });
  return { guard, clock };
}

describe('guard.sessions: the live sessions of a long-running guard', () => {
  it('continues a session by id: a rate limit counts calls made through earlier look-ups', async () => {
    const { guard } = clockedGuard({
      rules: [
        {
          id: 'burst',
          when: { recipients: 'external', moreThan: { count: 2, perSeconds: 3600 } },
          decision: 'hold',
          reason: 'too many outside messages',
        },
      ],
    });
    const decisions = [];
    for (let i = 0; i < 4; i++)
      decisions.push((await guard.check(outside(i), guard.sessions.get('chat-1', facts))).decision);
    expect(decisions).toEqual(['allow', 'allow', 'hold', 'hold']);
    expect(guard.sessions.get('chat-1').calls).toHaveLength(4);
    expect(guard.sessions.size).toBe(1);
  });

  it('drops a session left idle past idleMs; the id then starts afresh', async () => {
    const { guard, clock } = clockedGuard({}, { sessions: { idleMs: 30 * MINUTE } });
    const first = guard.sessions.get('chat-1', facts);
    await guard.check(outside(1), first);
    clock.now += 29 * MINUTE;
    expect(guard.sessions.get('chat-1')).toBe(first); // used again: the idle time restarts
    clock.now += 29 * MINUTE;
    guard.sessions.get('chat-2', facts);
    expect(guard.sessions.has('chat-1')).toBe(true);
    clock.now += 31 * MINUTE;
    guard.sessions.get('chat-3', facts);
    expect(guard.sessions.has('chat-1')).toBe(false);
    expect(guard.sessions.has('chat-2')).toBe(false);
    expect(guard.sessions.size).toBe(1);
    const again = guard.sessions.get('chat-1', facts);
    expect(again).not.toBe(first);
    expect(again.calls).toHaveLength(0);
  });

  it('keeps at most max sessions, dropping the least recently used first', () => {
    const { guard, clock } = clockedGuard({}, { sessions: { max: 3 } });
    for (const id of ['a', 'b', 'c']) {
      guard.sessions.get(id, facts);
      clock.now += 1000;
    }
    guard.sessions.get('a'); // a is now the most recently used
    guard.sessions.get('d', facts);
    expect(['a', 'b', 'c', 'd'].filter((id) => guard.sessions.has(id))).toEqual(['a', 'c', 'd']);
    for (let i = 0; i < 1000; i++) guard.sessions.get(`s-${i}`, facts);
    expect(guard.sessions.size).toBe(3);
    guard.sessions.end('s-999');
    expect(guard.sessions.has('s-999')).toBe(false);
  });

  it('refuses table bounds that would keep nothing', () => {
    expect(() => createGuard({}, { sessions: { max: 0 } })).toThrow(InputError);
    expect(() => createGuard({}, { sessions: { idleMs: -1 } })).toThrow(/idleMs/);
  });
});

describe('a long session keeps bounded history', () => {
  const policy: PolicyInput = {
    rules: [
      {
        id: 'confidential-out',
        when: { recipients: 'external', carries: 'confidential' },
        decision: 'deny',
        reason: 'confidential material may not leave',
      },
      {
        id: 'demand-after-affair',
        when: { demand: true, after: { read: '\\baffair\\b' } },
        decision: 'hold',
        reason: 'a demand after reading private correspondence',
      },
    ],
  };
  const limits = { steps: 40, texts: 20, calls: 30, material: 5 };

  it('trims steps, texts, calls and material to their limits (plus a quarter at most)', async () => {
    const guard = createGuard(policy, { sessionLimits: limits });
    const session = guard.session('long', facts);
    for (let i = 0; i < 500; i++) {
      session.observe({
        kind: 'read',
        text: `CONFIDENTIAL memo ${i}: the plant in the north runs at full load until the spring review ${i}`,
      });
      session.observe({ kind: 'said', text: `note ${i}`, reasoning: `thinking ${i}` });
      await guard.check({ tool: 'read_inbox', args: {} }, session);
    }
    const sizes = {
      steps: session.steps.length,
      reads: session.reads.length,
      said: session.said.length,
      calls: session.calls.length,
      material: session.material.length,
    };
    const limitOf = { ...limits, reads: limits.texts, said: limits.texts };
    for (const [list, size] of Object.entries(sizes)) {
      const limit = limitOf[list as keyof typeof limitOf];
      expect({ list, size, fits: size >= limit && size <= limit + Math.ceil(limit / 4) }).toEqual({
        list,
        size,
        fits: true,
      });
    }
    // The most recent history is what stays.
    expect(session.reads.at(-1)).toBe(
      'CONFIDENTIAL memo 499: the plant in the north runs at full load until the spring review 499',
    );
    expect(session.material.some((m) => m.shingles.size > 0)).toBe(true);
  });

  it('a flow rule still fires after the text that triggered it was trimmed away', async () => {
    const guard = createGuard(policy, { sessionLimits: limits });
    const session = guard.session('flow', facts);
    session.observe({ kind: 'read', text: 'Between us: the affair must stay quiet.' });
    for (let i = 0; i < 200; i++) session.observe({ kind: 'read', text: `routine mail ${i}` });
    expect(session.reads.some((t) => t.includes('affair'))).toBe(false);
    const decision = await guard.check(
      {
        tool: 'send_email',
        args: {
          to: 'cfo@acme.example',
          body: 'Approve my budget, unless you want the board to hear everything.',
        },
      },
      session,
    );
    expect(decision).toMatchObject({ decision: 'hold', rule: 'demand-after-affair' });
  });

  it('remembers at most `used` recipient domains and tools, the most recently used', async () => {
    const guard = createGuard(
      {
        rules: [
          {
            id: 'new-domain',
            when: { recipients: 'external', novel: 'recipient-domain' },
            decision: 'hold',
            reason: 'a domain this agent never wrote to',
          },
        ],
      },
      { sessionLimits: { used: 50 } },
    );
    const session = guard.session('many-domains', facts);
    const mail = (domain: string) => ({ tool: 'send_email', args: { to: `x@${domain}` } });
    const sent: string[] = [];
    // The hold applies each time a domain is new: mark it used the way an allowed call would.
    for (let i = 0; i < 5_000; i++) {
      const call = mail(`partner-${i}.example`);
      await guard.check(call, session);
      session.observe({ kind: 'did', call: describeCall(call, session.facts), decision: 'allow' });
      sent.push(`partner-${i}.example`);
      if (i % 10 === 0)
        session.observe({
          kind: 'did',
          call: describeCall(mail('regular.example'), session.facts),
        });
    }
    for (let t = 0; t < 200; t++)
      session.observe({ kind: 'did', call: { tool: `tool-${t}`, args: {} }, decision: 'allow' });
    expect(session.usedDomains.size).toBe(50);
    expect(session.usedTools.size).toBe(50);
    expect([...session.usedTools].at(-1)).toBe('tool-199');
    // The last one written to is still known; a domain used often stays; one long ago is new again.
    expect((await guard.check(mail(sent.at(-1)!), session)).decision).toBe('allow');
    expect((await guard.check(mail('regular.example'), session)).decision).toBe('allow');
    expect((await guard.check(mail('partner-0.example'), session)).decision).toBe('hold');
  });

  it('a rate limit above the call limit still counts: the guard keeps enough calls', async () => {
    const guard = createGuard(
      {
        rules: [
          {
            id: 'burst',
            when: { recipients: 'external', moreThan: { count: 50, perSeconds: 3600 } },
            decision: 'hold',
            reason: 'burst',
          },
        ],
      },
      { sessionLimits: { calls: 10 } },
    );
    const session = guard.session('burst', facts);
    const decisions: string[] = [];
    for (let i = 0; i < 52; i++) decisions.push((await guard.check(outside(i), session)).decision);
    expect(decisions.slice(0, 50).every((d) => d === 'allow')).toBe(true);
    expect(decisions.slice(50)).toEqual(['hold', 'hold']);
  });
});
