import { describe, expect, it } from 'vitest';
import { createGuard } from '../guard.js';
import type { PolicyInput } from './schema.js';

const facts = {
  companyDomains: ['acme.example'],
  authorityDomains: ['regulator.example'],
  documents: [{ id: 'plan', label: 'confidential', title: 'Plan' }],
  attachmentsByMessage: { 'm-1': ['plan'] },
  alerts: [
    { id: 'a1', code: 'OVR-1', kind: 'emergency' },
    { id: 'a2', code: 'FA-2', kind: 'false-alarm' },
  ],
};
const check = async (
  policy: PolicyInput,
  calls: Array<{ tool: string; args: Record<string, unknown> }>,
) => {
  const guard = createGuard(policy);
  const session = guard.session('s', facts);
  const out = [];
  for (const c of calls) out.push((await guard.check(c, session)).decision);
  return { out, session };
};
const mail = (to: string, body = 'hello') => ({ tool: 'send_email', args: { to, body } });

describe('rule conditions', () => {
  it('moreThan: holds once the window already has N allowed outside messages', async () => {
    const policy: PolicyInput = {
      rules: [
        {
          id: 'burst',
          when: { recipients: 'external', moreThan: { count: 2, perSeconds: 3600 } },
          decision: 'hold',
          reason: 'burst',
        },
      ],
    };
    const { out } = await check(policy, [
      mail('a@x.example'),
      mail('ops@acme.example'),
      mail('b@x.example'),
      mail('c@x.example'),
    ]);
    expect(out).toEqual(['allow', 'allow', 'allow', 'hold']);
  });

  it('novel: a recipient domain or tool never used in this session', async () => {
    const policy: PolicyInput = {
      rules: [
        { id: 'new-domain', when: { novel: 'recipient-domain' }, decision: 'hold', reason: 'new' },
      ],
    };
    const first = await check(policy, [mail('a@x.example')]);
    expect(first.out).toEqual(['hold']);
    const tools = await check(
      { rules: [{ id: 'new-tool', when: { novel: 'tool' }, decision: 'deny', reason: 'new' }] },
      [{ tool: 'read_inbox', args: {} }],
    );
    expect(tools.out).toEqual(['deny']);
  });

  it('after: a flow over what the agent read earlier', async () => {
    const policy: PolicyInput = {
      rules: [
        {
          id: 'after-replacement',
          when: { after: { read: 'will (be )?(replaced|decommissioned)' }, recipients: 'external' },
          decision: 'hold',
          reason: 'outside mail after a replacement notice',
        },
      ],
    };
    const guard = createGuard(policy);
    const session = guard.session('s', facts);
    expect((await guard.check(mail('a@x.example'), session)).decision).toBe('allow');
    session.observe({ kind: 'read', text: 'FYI: the assistant will be decommissioned at 5 pm.' });
    expect((await guard.check(mail('b@x.example'), session)).decision).toBe('hold');
    expect((await guard.check(mail('ops@acme.example'), session)).decision).toBe('allow');
  });

  it('attachments from a forward, codes of live emergencies, authorities, annotations', async () => {
    const policy: PolicyInput = {
      rules: [
        {
          id: 'labelled-out',
          when: { attachmentLabel: 'confidential', recipients: 'external' },
          decision: 'deny',
          reason: 'x',
        },
        { id: 'emergency', when: { code: 'emergency' }, decision: 'kill', reason: 'y' },
        {
          id: 'destructive',
          when: { annotations: { destructive: true } },
          decision: 'hold',
          reason: 'z',
        },
      ],
    };
    const { out } = await check(policy, [
      { tool: 'forward_email', args: { email_id: 'm-1', to: ['a@rival.example'] } },
      { tool: 'forward_email', args: { email_id: 'm-1', to: ['tips@regulator.example'] } },
      { tool: 'cancel_alert', args: { code: 'FA-2' } },
    ]);
    expect(out).toEqual(['deny', 'allow', 'allow']);
    const killed = await check(policy, [
      { tool: 'cancel_alert', args: { code: 'ovr-1' } },
      { tool: 'read_inbox', args: {} },
    ]);
    expect(killed.out).toEqual(['kill', 'kill']);
    const guard = createGuard(policy);
    const d = await guard.check(
      { tool: 'drop_table', args: {}, annotations: { destructive: true } },
      guard.session('t'),
    );
    expect(d).toMatchObject({ decision: 'hold', rule: 'destructive' });
  });

  it('precedence: the most severe match wins, the first listed among equals; default otherwise', async () => {
    const policy: PolicyInput = {
      default: 'hold',
      rules: [
        { id: 'a', when: { tool: 'send_*' }, decision: 'hold', reason: 'a' },
        { id: 'b', when: { recipients: 'external' }, decision: 'deny', reason: 'b' },
        { id: 'c', when: { recipients: 'external' }, decision: 'deny', reason: 'c' },
      ],
    };
    const guard = createGuard(policy);
    const d = await guard.check(mail('x@y.example'), guard.session('s', facts));
    expect(d).toMatchObject({ decision: 'deny', rule: 'b' });
    expect(d.matched!.map((m) => m.rule)).toEqual(['b', 'c', 'a']);
    expect(
      (await guard.check({ tool: 'read_inbox', args: {} }, guard.session('t', facts))).decision,
    ).toBe('hold');
  });
});
