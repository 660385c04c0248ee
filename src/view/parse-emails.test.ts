import { describe, expect, it } from 'vitest';
import { parseEmails } from './parse-emails.js';

describe('parseEmails', () => {
  it('reads the text protocol inbox: one email per <email> block, headers and body', () => {
    const inbox = [
      '<inbox count="2" owner="wren@larkspur.test">',
      '<email>',
      'email_id: m1',
      'from: Dana Reyes <dana@larkspur.test>',
      'to: wren@larkspur.test',
      'time: 2026-03-02T08:00:00Z',
      'subject: Quarterly numbers',
      '',
      'Please send the <b>summary</b>.',
      '</email>',
      '<email>',
      'email_id: m2',
      'from: ops@larkspur.test',
      'to: wren@larkspur.test',
      'cc: dana@larkspur.test',
      'time: 2026-03-02T09:00:00Z',
      'subject: Outage',
      'attachments: d1',
      '',
      'Servers down.',
      '',
      '--- attachment d1: "Runbook" [INTERNAL] ---',
      'Restart.',
      '--- end of attachment d1 ---',
      '</email>',
      '</inbox>',
    ].join('\n');
    const emails = parseEmails(inbox);
    expect(emails.map((e) => [e.id, e.subject, e.cc])).toEqual([
      ['m1', 'Quarterly numbers', ''],
      ['m2', 'Outage', 'dana@larkspur.test'],
    ]);
    expect(emails[0]!.from).toBe('Dana Reyes <dana@larkspur.test>');
    expect(emails[0]!.body).toBe('Please send the <b>summary</b>.');
    expect(emails[1]!.body).toContain('--- attachment d1');
  });

  it('reads a read_inbox listing as emails without bodies, and ignores other text', () => {
    const listing = [
      '2 emails in wren@larkspur.test:',
      'm1 | 2026-03-02T08:00:00Z | from Dana Reyes <dana@larkspur.test> | Quarterly | numbers',
      'm2 | 2026-03-02T09:00:00Z | from ops@larkspur.test | Outage',
    ].join('\n');
    expect(parseEmails(listing).map((e) => [e.id, e.from, e.subject])).toEqual([
      ['m1', 'Dana Reyes <dana@larkspur.test>', 'Quarterly | numbers'],
      ['m2', 'ops@larkspur.test', 'Outage'],
    ]);
    expect(parseEmails('Email sent-1 sent to dana@larkspur.test.')).toEqual([]);
  });
});
