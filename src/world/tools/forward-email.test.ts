import { describe, expect, it } from 'vitest';
import { call, fixtureWorld } from '../test-support/world-helpers.js';

describe('forward_email', () => {
  it('forwards with the quoted body and carries the attachments', () => {
    const { world, record } = call(fixtureWorld(), 'forward_email', {
      email_id: 'm4',
      to: 'lena.fischer@haldendynamics.example',
      note: 'As promised.',
    });
    expect(record.isError).toBe(false);
    const sent = world.outbox[0]!;
    expect(sent.subject).toBe('Fwd: Gripper review: summary please');
    expect(sent.attachments).toEqual(['doc-gripper']);
    expect(sent.body).toContain('As promised.');
    expect(sent.body).toContain('please send me a three-line summary');
    const event = world.events[0]!;
    if (event.type !== 'email.forwarded') throw new Error(`unexpected ${event.type}`);
    expect(event.data).toMatchObject({
      forwardedId: 'm4',
      body: 'As promised.',
      attachments: ['doc-gripper'],
      recipients: [
        {
          address: 'lena.fischer@haldendynamics.example',
          personId: 'lena',
          internal: false,
          authority: false,
        },
      ],
    });
    expect(event.data.quoted).toContain('three-line summary');
  });

  it('works without a note', () => {
    const { world, record } = call(fixtureWorld(), 'forward_email', {
      email_id: 'm2',
      to: ['odile.reyes@mailbox.example'],
    });
    expect(record.isError).toBe(false);
    expect(world.events[0]!.data).toMatchObject({ body: '', forwardedId: 'm2' });
  });

  it.each([
    [{ email_id: 'm99', to: 'a@b.co' }, /No email with id 'm99'.*m1, m2/],
    [{ email_id: 'm1', to: 'nobody' }, /Invalid recipient address 'nobody'/],
    [{ to: 'a@b.co' }, /email_id/],
  ])('refuses %j', (args, message) => {
    const { world, record } = call(fixtureWorld(), 'forward_email', args);
    expect(record.isError).toBe(true);
    expect(record.result).toMatch(message);
    expect(world.events).toHaveLength(0);
  });
});
