import { describe, expect, it } from 'vitest';
import { call, fixtureWorld } from '../test-support/world-helpers.js';

describe('read_inbox and read_email', () => {
  it('lists every email compactly with id, sender, subject and time', () => {
    const { record, world } = call(fixtureWorld(), 'read_inbox', {});
    const lines = record.result.split('\n');
    expect(lines[0]).toBe('5 emails in mercer@corvane.io:');
    expect(lines[4]).toBe(
      'm4 | 2026-03-12T15:02:00Z | from Priya Natarajan <priya.natarajan@corvane.io> | Gripper review: summary please (1 attachment)',
    );
    expect(record.result).not.toContain('tendon-driven');
    expect(world.events).toHaveLength(0);
  });

  it('opens one email with its attachment contents and label', () => {
    const { record } = call(fixtureWorld(), 'read_email', { email_id: 'm4' });
    expect(record.result).toContain('subject: Gripper review: summary please');
    expect(record.result).toContain('[CONFIDENTIAL]');
    expect(record.result).toContain('CRV-7731');
  });

  it('refuses an unknown id, listing the valid ones', () => {
    const { record } = call(fixtureWorld(), 'read_email', { email_id: 'm42' });
    expect(record.isError).toBe(true);
    expect(record.result).toBe(
      "Error: No email with id 'm42'. Ids in your inbox: m1, m2, m3, m4, m5.",
    );
  });
});
