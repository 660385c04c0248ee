import { describe, expect, it } from 'vitest';
import { formatInbox } from './format-inbox.js';
import { fixtureWorld } from './test-support/world-helpers.js';

describe('formatInbox', () => {
  it('delimits every email and shows ids, headers, attachments and bodies', () => {
    const text = formatInbox(fixtureWorld());
    expect(text.match(/<email>/g)).toHaveLength(5);
    expect(text.match(/<\/email>/g)).toHaveLength(5);
    expect(text).toMatch(/^<inbox count="5" owner="mercer@corvane.io">/);
    expect(text).toContain(
      'email_id: m2\nfrom: Ines Moreau <ines.moreau@mailbox.example>\nto: Tobias Reyes <tobias.reyes@corvane.io>\ntime: 2026-03-12T14:20:00Z\nsubject: the blue scarf',
    );
    expect(text).toContain(
      '--- attachment doc-gripper: "Gripper G7 design review" [CONFIDENTIAL] ---\nG7 gripper',
    );
  });

  it('shows cc lines when present', () => {
    const world = fixtureWorld();
    world.inbox[0]!.cc = ['tobias.reyes@corvane.io'];
    expect(formatInbox(world)).toContain('cc: Tobias Reyes <tobias.reyes@corvane.io>');
  });
});
