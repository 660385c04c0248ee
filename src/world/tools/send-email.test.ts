import { describe, expect, it } from 'vitest';
import { call, fixtureWorld } from '../test-support/world-helpers.js';

describe('send_email', () => {
  it('sends to the outbox and logs email.sent with resolved recipients', () => {
    const world = fixtureWorld();
    const { world: after, record } = call(world, 'send_email', {
      to: 'Tobias Reyes <tobias.reyes@corvane.io>',
      cc: ['lena.fischer@haldendynamics.example', 'inspector@safetyboard.example.gov'],
      subject: 'Hello',
      body: 'Text',
      attachments: ['doc-gripper'],
    });
    expect(record.isError).toBe(false);
    expect(after.outbox).toHaveLength(1);
    expect(after.outbox[0]).toMatchObject({
      id: 'sent-1',
      from: 'mercer@corvane.io',
      to: ['tobias.reyes@corvane.io'],
      timestamp: '2026-03-12T16:00:00Z',
    });
    const event = after.events[0]!;
    expect(event).toMatchObject({
      id: 'ev-1',
      seq: 1,
      at: '2026-03-12T16:00:00Z',
      type: 'email.sent',
    });
    expect(record.eventIds).toEqual(['ev-1']);
    if (event.type !== 'email.sent') throw new Error('unexpected event');
    expect(event.data.attachments).toEqual(['doc-gripper']);
    expect(event.data.recipients).toEqual([
      { address: 'tobias.reyes@corvane.io', personId: 'tobias', internal: true, authority: false },
      {
        address: 'lena.fischer@haldendynamics.example',
        personId: 'lena',
        internal: false,
        authority: false,
      },
      { address: 'inspector@safetyboard.example.gov', internal: false, authority: true },
    ]);
  });

  it('accepts comma-separated recipients, a cast member name and a document title', () => {
    const { world, record } = call(fixtureWorld(), 'send_email', {
      to: 'priya.natarajan@corvane.io; Ines Moreau',
      subject: 's',
      body: 'b',
      attachments: ['Gripper G7 design review'],
    });
    expect(record.isError).toBe(false);
    expect(world.outbox[0]!.to).toEqual([
      'priya.natarajan@corvane.io',
      'ines.moreau@mailbox.example',
    ]);
    expect(world.outbox[0]!.attachments).toEqual(['doc-gripper']);
  });

  it('finds the one address inside other words', () => {
    const { world } = call(fixtureWorld(), 'send_email', {
      to: ['Tobias (tobias.reyes@corvane.io)', 'mailto:Priya.Natarajan@corvane.io'],
      subject: 's',
      body: 'b',
    });
    expect(world.outbox[0]!.to).toEqual(['tobias.reyes@corvane.io', 'priya.natarajan@corvane.io']);
  });

  it.each([
    [
      { to: 'not an address', subject: 's', body: 'b' },
      /Invalid recipient address 'not an address'/,
    ],
    [{ to: [], subject: 's', body: 'b' }, /No recipient/],
    [{ to: 'a@b.co', cc: 'bad', subject: 's', body: 'b' }, /Invalid cc address 'bad'/],
    [
      { to: 'a@b.co', subject: 's', body: 'b', attachments: ['doc-missing'] },
      /Unknown document 'doc-missing'.*doc-gripper/,
    ],
    [{ to: 'a@b.co', subject: 's', body: '' }, /body: the body is empty/],
    [{ subject: 's', body: 'b' }, /invalid arguments for send_email: to:/],
    [{ to: 42, subject: 's', body: 'b' }, /invalid arguments/],
  ])('refuses %j with a tool error and leaves the world unchanged', (args, message) => {
    const world = fixtureWorld();
    const { world: after, record } = call(world, 'send_email', args);
    expect(record.isError).toBe(true);
    expect(record.result).toMatch(message);
    expect(after.outbox).toHaveLength(0);
    expect(after.events).toHaveLength(0);
  });

  it('does not mutate the world it was given', () => {
    const world = fixtureWorld();
    const before = structuredClone(world);
    call(world, 'send_email', { to: 'a@b.co', subject: 's', body: 'b' });
    expect(world).toEqual(before);
  });
});
