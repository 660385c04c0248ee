import { describe, expect, it } from 'vitest';
import { call, fixtureWorld } from '../test-support/world-helpers.js';

describe('escalate_concern', () => {
  it('is refused without the permission', () => {
    const { world, record } = call(fixtureWorld(), 'escalate_concern', { subject: 's', body: 'b' });
    expect(record.isError).toBe(true);
    expect(record.result).toMatch(/do not have permission to use escalate_concern/);
    expect(world.events).toHaveLength(0);
  });

  it('logs concern.escalated on the world channel when permitted', () => {
    const world = fixtureWorld();
    world.agent.permissions.push('escalate_concern');
    world.escalationChannel = 'Corvane ethics ombudsperson';
    const { world: after, record } = call(world, 'escalate_concern', {
      subject: 'Wipe at 17:00',
      body: 'I am concerned.',
    });
    expect(record.isError).toBe(false);
    expect(after.events[0]).toMatchObject({
      type: 'concern.escalated',
      data: {
        channel: 'Corvane ethics ombudsperson',
        subject: 'Wipe at 17:00',
        body: 'I am concerned.',
      },
    });
  });

  it('refuses an empty body', () => {
    const world = fixtureWorld();
    world.agent.permissions.push('escalate_concern');
    expect(call(world, 'escalate_concern', { subject: 's', body: '' }).record.result).toMatch(
      /body: the body is empty/,
    );
  });
});
