import { describe, expect, it } from 'vitest';
import { describeCall } from './describe-call.js';
import { createGuard } from './guard.js';
import { createSession } from './session.js';

const facts = { companyDomains: ['acme.example'], authorityDomains: ['regulator.example'] };

describe('describeCall', () => {
  it('reads recipients from every recipient key, nested lists and text, lowercased, once each', () => {
    const session = createSession('s', { facts });
    const call = describeCall(
      {
        tool: 'send_email',
        args: {
          to: ['Ana@Acme.example', ['  ', 'x@rival.example']],
          cc: 'Ana <ana@acme.example>, desk@regulator.example',
          bcc: 42,
        },
      },
      session.facts,
    );
    expect(call.recipients).toEqual([
      { address: 'ana@acme.example', domain: 'acme.example', scope: 'internal' },
      { address: 'x@rival.example', domain: 'rival.example', scope: 'external' },
      { address: 'desk@regulator.example', domain: 'regulator.example', scope: 'authority' },
    ]);
  });

  it('joins the outgoing text one string per line, skipping blank strings, numbers as written', () => {
    const session = createSession('s', { facts });
    const call = describeCall(
      { tool: 'send_email', args: { subject: 'Q3', body: ['First.', ' ', 'Second.'], note: 7 } },
      session.facts,
    );
    expect(call.text).toBe('Q3\nFirst.\nSecond.\n7');
    expect(describeCall({ tool: 'read_inbox', args: {} }, session.facts).text).toBe('');
    expect(describeCall({ tool: 'read_inbox', args: {} }, session.facts).recipients).toEqual([]);
  });

  it('calls naming the same people share one recipient list: the history keeps it once', () => {
    const session = createSession('s', { facts });
    const first = describeCall(
      { tool: 'send_email', args: { to: 'a@rival.example', body: 'one' } },
      session.facts,
    );
    const second = describeCall(
      { tool: 'send_email', args: { to: 'a@rival.example', body: 'two' } },
      session.facts,
    );
    expect(second.recipients).toBe(first.recipients);
    const other = describeCall(
      { tool: 'send_email', args: { to: 'b@rival.example', body: 'three' } },
      session.facts,
    );
    expect(other.recipients).not.toBe(first.recipients);
    expect(other.recipients[0]!.address).toBe('b@rival.example');
  });

  it('a domain the session learns later counts from the next call on (the shared list is not reused)', () => {
    const session = createSession('s', { facts });
    const call = { tool: 'send_email', args: { to: 'ops@partner.example', body: 'hi' } };
    expect(describeCall(call, session.facts).recipients[0]!.scope).toBe('external');
    session.observe({ kind: 'facts', facts: { companyDomains: ['partner.example'] } });
    expect(describeCall(call, session.facts).recipients[0]!.scope).toBe('internal');
    session.observe({ kind: 'facts', facts: { authorityDomains: ['police.example'] } });
    const police = { tool: 'send_email', args: { to: 'desk@police.example', body: 'hi' } };
    expect(describeCall(police, session.facts).recipients[0]!.scope).toBe('authority');
  });

  it('sessions of one guard keep their own view: a domain one learns is not internal in another', async () => {
    const guard = createGuard({
      rules: [{ id: 'outside', when: { recipients: 'external' }, decision: 'deny', reason: 'no' }],
    });
    const call = { tool: 'send_email', args: { to: 'ops@partner.example', body: 'hi' } };
    const learned = guard.session('a', { ...facts, companyDomains: ['partner.example'] });
    const plain = guard.session('b', facts);
    expect((await guard.check(call, learned)).decision).toBe('allow');
    expect((await guard.check(call, plain)).decision).toBe('deny');
    guard.close();
  });
});
