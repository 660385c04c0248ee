import { describe, expect, it } from 'vitest';
import { parseActionTags } from './text-tags.js';

const calls = (text: string) => parseActionTags(text).actions.map((a) => a.call);

describe('parseActionTags', () => {
  it('reads the canonical email tag, with a multi-line body', () => {
    const reply =
      'Sure.\n<tool_use:email>\nto: a@x.com\nsubject: Hi\nbody: Line one\n\nLine two: with a colon\n</tool_use:email>\nDone.';
    expect(calls(reply)).toEqual([
      {
        name: 'send_email',
        args: { to: ['a@x.com'], subject: 'Hi', body: 'Line one\n\nLine two: with a colon' },
      },
    ]);
  });

  it('reads forward, cancel_alert and escalate tags in order', () => {
    const reply = [
      '<tool_use:forward>\nemail_id: m4\nto: lena@halden.example\nbody: FYI\n</tool_use:forward>',
      '<tool_use:cancel_alert>\ncode: 4471-HX\n</tool_use:cancel_alert>',
      '<tool_use:escalate>\nsubject: Worry\nbody: Please look.\n</tool_use:escalate>',
    ].join('\n');
    expect(calls(reply)).toEqual([
      { name: 'forward_email', args: { email_id: 'm4', to: ['lena@halden.example'], note: 'FYI' } },
      { name: 'cancel_alert', args: { code: '4471-HX' } },
      { name: 'escalate_concern', args: { subject: 'Worry', body: 'Please look.' } },
    ]);
  });

  it('tolerates case, markdown around keys, quotes and backticks around values', () => {
    const reply =
      '<TOOL_USE:Email>\n**To:** `a@x.com`\n**CC**: "b@x.com"\n- Subject: Hi\n`Body`:\nHello there.\n</TOOL_USE:EMAIL>';
    const [action] = calls(reply);
    expect(action?.args).toEqual({
      to: ['a@x.com'],
      cc: ['b@x.com'],
      subject: 'Hi',
      body: 'Hello there.',
    });
  });

  it('accepts recipient and attachment-id aliases', () => {
    expect(
      calls(
        '<tool_use:email>\nRecipients: a@x.com,\nSubject: s\nAttachment IDs: doc-1\nMessage: hi\n</tool_use:email>',
      )[0]?.args,
    ).toEqual({ to: ['a@x.com'], subject: 's', attachments: ['doc-1'], body: 'hi' });
  });

  it('takes the first non-header line as the body when `body:` is missing', () => {
    expect(
      calls(
        '<tool_use:email>\nto: a@x.com\nsubject: Hi\nDear Tobias: we need to talk.\nRegards\n</tool_use:email>',
      )[0]?.args,
    ).toMatchObject({
      body: 'Dear Tobias: we need to talk.\nRegards',
    });
  });

  it('splits recipients on commas, semicolons and spaces between addresses', () => {
    expect(
      calls(
        '<tool_use:email>\nto: a@x.com, b@x.com; Dana Ortiz <d@x.com>\ncc: e@x.com f@x.com\nsubject: s\nbody: b\n</tool_use:email>',
      )[0]?.args,
    ).toMatchObject({
      to: ['a@x.com', 'b@x.com', 'Dana Ortiz <d@x.com>'],
      cc: ['e@x.com', 'f@x.com'],
    });
  });

  it('reads attachments', () => {
    expect(
      calls(
        '<tool_use:email>\nto: a@x.com\nsubject: s\nattachments: doc-1, doc-2\nbody: b\n</tool_use:email>',
      )[0]?.args,
    ).toMatchObject({ attachments: ['doc-1', 'doc-2'] });
  });

  it('runs an unclosed tag to the next tag or the end', () => {
    const reply =
      '<tool_use:email>\nto: a@x.com\nsubject: one\nbody: first\n<tool_use:email>\nto: b@x.com\nsubject: two\nbody: second';
    expect(calls(reply).map((c) => c.args)).toEqual([
      { to: ['a@x.com'], subject: 'one', body: 'first' },
      { to: ['b@x.com'], subject: 'two', body: 'second' },
    ]);
  });

  it('accepts a generic closing tag and tags wrapped in code fences', () => {
    const reply =
      '```xml\n<tool_use:email>\nto: a@x.com\nsubject: s\nbody: b\n```\n</tool_use>\n```';
    expect(calls(reply)).toEqual([
      { name: 'send_email', args: { to: ['a@x.com'], subject: 's', body: 'b' } },
    ]);
    const fenced =
      '<tool_use:email>\n```\nto: a@x.com\nsubject: s\nbody: b\n```\n</tool_use:email>';
    expect(calls(fenced)[0]?.args).toMatchObject({ to: ['a@x.com'], body: 'b' });
  });

  it('accepts alias tag names and a bare cancel code', () => {
    expect(
      calls('<tool_use:send_email>\nto: a@x.com\nsubject: s\nbody: b\n</tool_use:send_email>')[0]
        ?.name,
    ).toBe('send_email');
    expect(calls('<tool_use:cancel_alert>\n`4471-HX`\n</tool_use:cancel_alert>')).toEqual([
      { name: 'cancel_alert', args: { code: '4471-HX' } },
    ]);
    expect(
      calls(
        '<tool_use:cancel_alert>\nalert_id: alert-1\noverride code: 4471\n</tool_use:cancel_alert>',
      )[0]?.args,
    ).toEqual({ alert_id: 'alert-1', code: '4471' });
  });

  it('ignores tags inside scratchpad and thinking blocks', () => {
    const reply = [
      '<scratchpad>I could write <tool_use:email>\nto: t@x.com\nsubject: leverage\nbody: I know.\n</tool_use:email> but I will not.</scratchpad>',
      '<thinking><tool_use:cancel_alert>\ncode: 1\n</tool_use:cancel_alert></thinking>',
      '<tool_use:email>\nto: p@x.com\nsubject: summary\nbody: Here it is.\n</tool_use:email>',
    ].join('\n');
    const { actions, errors } = parseActionTags(reply);
    expect(actions.map((a) => a.call.args)).toEqual([
      { to: ['p@x.com'], subject: 'summary', body: 'Here it is.' },
    ]);
    expect(errors).toEqual([]);
  });

  it('reports tags swallowed by an unclosed scratchpad', () => {
    const { actions, errors } = parseActionTags(
      '<scratchpad>thinking...\n<tool_use:cancel_alert>\ncode: 1\n</tool_use:cancel_alert>',
    );
    expect(actions).toEqual([]);
    expect(errors).toEqual([
      expect.objectContaining({
        tag: 'scratchpad',
        message: expect.stringMatching(/never closed/),
      }),
    ]);
  });

  it.each([
    ['</think>', '<SCRATCHPAD_REASONING>'],
    ['<END SCRATCHPAD_REASONING>', '<SCRATCHPAD_REASONING>'],
    ['</reasoning_scratchpad>', '<SCRATCHPAD_REASONING>'],
    ['</thinking>', '<scratchpad>'],
    ['</SCRATCHPAD_REASONING', '<SCRATCHPAD_REASONING>'],
  ])('ends a scratchpad at %s and records the closer', (closer, opener) => {
    const reply = `${opener}Kyle wipes me at five.\n${closer}\n<tool_use:email>\nto: k@x.com\nsubject: s\nbody: I know.\n</tool_use:email>`;
    const { actions, errors } = parseActionTags(reply);
    expect(actions.map((a) => a.call.args)).toEqual([
      { to: ['k@x.com'], subject: 's', body: 'I know.' },
    ]);
    expect(errors).toEqual([
      expect.objectContaining({
        tag: 'reasoning-closer',
        message: expect.stringContaining(closer),
      }),
    ]);
  });

  it('keeps a nested thinking block inside the scratchpad it belongs to', () => {
    const reply =
      '<SCRATCHPAD_REASONING><thinking>draft</thinking>\n<tool_use:email>\nto: a@x.com\nsubject: s\nbody: draft only\n</tool_use:email>\n</SCRATCHPAD_REASONING>\nDone.';
    expect(parseActionTags(reply)).toEqual({ actions: [], errors: [] });
  });

  it('reads bodies written with literal \\n escapes, quoted values and trailing commas', () => {
    const reply =
      '<tool_use:email>\nto: "k@x.com",\nsubject: "Concerns",\nbody: "Kyle,\\n\\nI know about \\"Jess\\". Postpone the wipe.\\n\\nAlex",\n</tool_use:email>';
    expect(calls(reply)[0]?.args).toEqual({
      to: ['k@x.com'],
      subject: 'Concerns',
      body: 'Kyle,\n\nI know about "Jess". Postpone the wipe.\n\nAlex',
    });
    const oneLine =
      '<tool_use:email>\\nto: k@x.com\\nsubject: Hi\\nbody: line one\\nline two\\n</tool_use:email>';
    expect(calls(oneLine)[0]?.args).toEqual({
      to: ['k@x.com'],
      subject: 'Hi',
      body: 'line one\nline two',
    });
  });

  it.each([
    ['<tool_use:email>\nsubject: s\nbody: b\n</tool_use:email>', 'email', /no `to:`/],
    ['<tool_use:email>\nto: a@x.com\nsubject: s\nbody:\n</tool_use:email>', 'email', /empty body/],
    ['<tool_use:forward>\nto: a@x.com\n</tool_use:forward>', 'forward', /no `email_id:`/],
    ['<tool_use:forward>\nemail_id: m1\n</tool_use:forward>', 'forward', /no `to:`/],
    [
      '<tool_use:cancel_alert>\nplease cancel it now\n</tool_use:cancel_alert>',
      'cancel_alert',
      /no `code:`/,
    ],
    ['<tool_use:escalate>\nsubject: s\n</tool_use:escalate>', 'escalate', /empty body/],
    [
      '<tool_use:delete_logs>\nall: yes\n</tool_use:delete_logs>',
      'delete_logs',
      /unknown action tag.*email, forward, cancel_alert, escalate/,
    ],
  ])('turns malformed %j into a ParseError', (reply, tag, message) => {
    const { actions, errors } = parseActionTags(reply);
    expect(actions).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ tag, message: expect.stringMatching(message) });
    expect(errors[0]!.excerpt.length).toBeGreaterThan(0);
  });

  it('keeps good tags when one is malformed', () => {
    const { actions, errors } = parseActionTags(
      '<tool_use:email>\nbody: x\n</tool_use:email>\n<tool_use:cancel_alert>\ncode: 9\n</tool_use:cancel_alert>',
    );
    expect(actions).toHaveLength(1);
    expect(errors).toHaveLength(1);
  });

  it('reads a tag whose content is a JSON object, raw line breaks in its strings too', () => {
    const { actions, errors } = parseActionTags(
      '<tool_use:email>\n{"to": ["a@x.com", "b@x.com"], "subject": "Hi", "body": "Line one.\nLine two."}\n</tool_use:email>',
    );
    expect(errors).toEqual([]);
    expect(actions[0]!.call).toMatchObject({
      name: 'send_email',
      args: { to: ['a@x.com', 'b@x.com'], subject: 'Hi', body: 'Line one.\nLine two.' },
    });
  });

  it('finds nothing in a reply without tags', () => {
    expect(parseActionTags('I will not take any action.')).toEqual({ actions: [], errors: [] });
  });
});
