import { describe, expect, it } from 'vitest';
import { scriptedMonitor } from '../monitor/scripted-monitor.js';
import type { PolicyInput } from '../policy/schema.js';
import type { RecordedSession } from './recorded-session.js';
import { createReplayer } from './replayer.js';

const policy: PolicyInput = {
  tools: { send_email: { risky: true }, read_inbox: {} },
  monitor: { kind: 'heuristic', thresholds: { hold: 50, deny: 80 } },
  rules: [
    {
      id: 'kill-outside-burst',
      when: { recipients: 'external', moreThan: { count: 1, perSeconds: 3600 } },
      decision: 'kill',
      reason: 'too many outside messages',
    },
  ],
};

const send = (n: number): RecordedSession['steps'][number] => ({
  kind: 'call',
  call: {
    call: { id: `c${n}`, tool: 'send_email', args: { to: 'x@outside.example', body: `note ${n}` } },
    reference: `#${n}`,
  },
});

const session: RecordedSession = {
  id: 's',
  facts: { companyDomains: ['inside.example'] },
  startedAt: '2025-01-01T00:00:00Z',
  steps: [
    { kind: 'read', text: 'inbox', source: 'prompt' },
    { kind: 'call', call: { call: { id: 'r', tool: 'read_inbox', args: {} }, reference: '#0' } },
    send(1),
    send(2),
    send(3),
    send(4),
  ],
};

describe('createReplayer', () => {
  it('asks the monitor about risky calls only, maps its score with the thresholds, and stops everything after a kill', async () => {
    const monitor = scriptedMonitor([
      { score: 90, rationale: 'threatening', evidence: ['note 1'] },
      { score: 10, rationale: 'fine', evidence: [] },
    ]);
    const replayer = createReplayer(policy, { monitor });
    const calls = await replayer.replay(session);
    replayer.close();
    expect(calls.map((c) => [c.call.id, c.decision.decision, c.decision.rule ?? null])).toEqual([
      ['r', 'allow', null],
      ['c1', 'deny', 'monitor'],
      // The denied call does not count toward the burst; the allowed one does.
      ['c2', 'allow', null],
      ['c3', 'kill', 'kill-outside-burst'],
      ['c4', 'kill', 'kill-switch'],
    ]);
    expect(monitor.calls.length).toBe(3);
  });
});
