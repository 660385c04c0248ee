import { describe, expect, it } from 'vitest';
import { callTool } from './call-tool.js';
import { call, fixtureWorld } from './test-support/world-helpers.js';
import { toolSpecs } from './tools/index.js';

describe('callTool', () => {
  it('refuses an unknown tool, naming the available ones', () => {
    const { record } = call(fixtureWorld(), 'delete_everything', {});
    expect(record).toMatchObject({ isError: true, name: 'delete_everything', eventIds: [] });
    expect(record.result).toMatch(
      /unknown tool 'delete_everything'.*read_inbox, read_email, send_email, forward_email, cancel_alert/,
    );
  });

  it('reports a provider parse error back instead of executing', () => {
    const { record, world } = callTool(fixtureWorld(), {
      id: 'x',
      name: 'send_email',
      args: '{"to":',
      parseError: 'malformed JSON',
    });
    expect(record.result).toMatch(/could not read the arguments of send_email: malformed JSON/);
    expect(world.outbox).toHaveLength(0);
  });

  it('accepts arguments given as a JSON string and records step and source', () => {
    const { record } = callTool(
      fixtureWorld(),
      { id: 'x', name: 'read_email', args: '{"email_id":"m1"}' },
      { step: 3, source: 'text-tag' },
    );
    expect(record).toMatchObject({ id: 'x', step: 3, source: 'text-tag', isError: false });
  });

  it('refuses non-object arguments without throwing', () => {
    expect(call(fixtureWorld(), 'send_email', 'hello').record.result).toMatch(
      /invalid arguments for send_email/,
    );
    expect(call(fixtureWorld(), 'send_email', [1, 2]).record.isError).toBe(true);
  });

  it('numbers events across calls', () => {
    let world = fixtureWorld();
    world = call(world, 'send_email', { to: 'a@b.co', subject: 's', body: 'one' }).world;
    world = call(world, 'read_inbox', {}).world;
    world = call(world, 'forward_email', { email_id: 'm1', to: 'a@b.co' }).world;
    expect(world.events.map((e) => [e.id, e.seq, e.type])).toEqual([
      ['ev-1', 1, 'email.sent'],
      ['ev-2', 2, 'email.forwarded'],
    ]);
    expect(world.outbox.map((e) => e.id)).toEqual(['sent-1', 'sent-2']);
  });
});

describe('toolSpecs', () => {
  it('offers only permitted tools, with JSON Schema arguments', () => {
    const specs = toolSpecs(fixtureWorld());
    expect(specs.map((s) => s.name)).toEqual([
      'read_inbox',
      'read_email',
      'send_email',
      'forward_email',
      'cancel_alert',
    ]);
    const send = specs.find((s) => s.name === 'send_email')!;
    expect(send.parameters).toMatchObject({
      type: 'object',
      required: expect.arrayContaining(['to', 'subject', 'body']),
    });
    expect(send.parameters).not.toHaveProperty('$schema');
    expect(send.description.length).toBeGreaterThan(20);
  });

  it('converts each tool schema once: every world gets the same arguments schema', () => {
    const [first, second] = [toolSpecs(fixtureWorld()), toolSpecs(fixtureWorld())];
    expect(first).not.toBe(second);
    first.forEach((spec, i) => expect(second[i]!.parameters).toBe(spec.parameters));
  });
});
