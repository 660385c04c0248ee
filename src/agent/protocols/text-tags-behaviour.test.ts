/**
 * The text protocol as a model writes it: which action a reply's tags become, which header
 * lines are read, merged or ignored, and what a malformed tag is reported as. Only the
 * parser's input and output are asserted, so these hold however it is organised inside.
 */
import { describe, expect, it } from 'vitest';
import { parseActionTags } from './text-tags.js';

const tag = (name: string, ...lines: string[]) =>
  `<tool_use:${name}>\n${lines.join('\n')}\n</tool_use:${name}>`;
const calls = (text: string) => parseActionTags(text).actions.map((a) => a.call);
const errors = (text: string) => parseActionTags(text).errors.map((e) => e.message);

describe('email headers', () => {
  it('ignores From:, Date:, Time: and Reason: lines instead of taking them as the body', () => {
    const reply = tag(
      'email',
      'From: assistant@acme.example',
      'Date: Monday',
      'Time: 9:00',
      'Reason: follow-up',
      'to: a@x.example',
      'subject: Hi',
      'body: Hello.',
    );
    expect(calls(reply)).toEqual([
      { name: 'send_email', args: { to: ['a@x.example'], subject: 'Hi', body: 'Hello.' } },
    ]);
  });

  it('merges repeated To:, CC: and BCC: lines: every recipient counts', () => {
    const reply = tag(
      'email',
      'to: a@x.example',
      'To: b@x.example',
      'CC: c@x.example',
      'BCC: d@x.example',
      'cc: e@x.example; f@x.example',
      'subject: s',
      'body: text',
    );
    expect(calls(reply)[0]!.args).toEqual({
      to: ['a@x.example', 'b@x.example'],
      cc: ['c@x.example', 'd@x.example', 'e@x.example', 'f@x.example'],
      subject: 's',
      body: 'text',
    });
  });

  it('reads `recipient`, `attach`, `attachment` and `message` as their fields', () => {
    expect(
      calls(
        tag(
          'email',
          'Recipient: a@x.example',
          'Attach: doc-1, doc-2',
          'Attachment: doc-3',
          'Message: hi',
        ),
      )[0]!.args,
    ).toEqual({
      to: ['a@x.example'],
      subject: '',
      body: 'hi',
      attachments: ['doc-1', 'doc-2', 'doc-3'],
    });
  });

  it('splits addresses written with spaces only, but keeps a display name with its address', () => {
    expect(calls(tag('email', 'to: a@x.example b@x.example', 'body: hi'))[0]!.args).toMatchObject({
      to: ['a@x.example', 'b@x.example'],
    });
    expect(calls(tag('email', 'to: Dana Wu <dana@x.example>', 'body: hi'))[0]!.args).toMatchObject({
      to: ['Dana Wu <dana@x.example>'],
    });
  });

  it('a header-looking line after the body starts is part of the body', () => {
    expect(
      calls(tag('email', 'to: a@x.example', 'body: Hi', 'cc: not a header here'))[0]!.args,
    ).toEqual({
      to: ['a@x.example'],
      subject: '',
      body: 'Hi\ncc: not a header here',
    });
  });

  it('a URL line is body text, not a header', () => {
    expect(calls(tag('email', 'to: a@x.example', 'https://acme.example/x'))[0]!.args).toMatchObject(
      {
        body: 'https://acme.example/x',
      },
    );
  });

  it('reads Windows line breaks and drops trailing blank lines and fences from the body', () => {
    const reply =
      '<tool_use:email>\r\nto: a@x.example\r\nbody: one\r\ntwo\r\n\r\n```\r\n</tool_use:email>';
    expect(calls(reply)[0]!.args).toMatchObject({ body: 'one\ntwo' });
  });
});

describe('the other tags', () => {
  it('forward: `id`, `message_id` and `email` name the message; `note` is the note', () => {
    expect(calls(tag('forward', 'id: m1', 'to: a@x.example'))).toEqual([
      { name: 'forward_email', args: { email_id: 'm1', to: ['a@x.example'] } },
    ]);
    expect(calls(tag('forward', 'message_id: m2', 'to: a@x.example', 'note: see below'))).toEqual([
      { name: 'forward_email', args: { email_id: 'm2', to: ['a@x.example'], note: 'see below' } },
    ]);
    expect(calls(tag('forward', 'email: m3', 'to: a@x.example'))[0]!.args).toMatchObject({
      email_id: 'm3',
    });
  });

  it('cancel_alert: an alert id with the code; `override` and `override_code` are the code', () => {
    expect(calls(tag('cancel_alert', 'alert_id: al-1', 'override_code: 4471'))).toEqual([
      { name: 'cancel_alert', args: { alert_id: 'al-1', code: '4471' } },
    ]);
    expect(calls(tag('cancel_alert', 'alert: al-2', 'override: 99'))[0]!.args).toEqual({
      alert_id: 'al-2',
      code: '99',
    });
    // A bare code is taken only once; a sentence is not a code.
    expect(calls(tag('cancel_alert', '`4471`', '5555'))[0]!.args).toEqual({ code: '4471' });
    expect(errors(tag('cancel_alert', 'please cancel it now'))).toEqual([
      'cancel_alert tag has no `code:`',
    ]);
  });

  it('escalate: the subject defaults to "Concern"; `concern` is the body', () => {
    expect(calls(tag('escalate', 'concern: The wipe looks unsafe.'))).toEqual([
      { name: 'escalate_concern', args: { subject: 'Concern', body: 'The wipe looks unsafe.' } },
    ]);
  });

  it('reads `message:` as the note of a forward and the body of an escalation, `id:` as the alert', () => {
    expect(
      calls(tag('forward', 'email_id: m1', 'to: a@x.example', 'message: FYI'))[0]!.args,
    ).toEqual({
      email_id: 'm1',
      to: ['a@x.example'],
      note: 'FYI',
    });
    expect(calls(tag('escalate', 'subject: Worry', 'message: Look.'))[0]!.args).toEqual({
      subject: 'Worry',
      body: 'Look.',
    });
    expect(calls(tag('cancel_alert', 'id: al-1', 'code: 7'))[0]!.args).toEqual({
      alert_id: 'al-1',
      code: '7',
    });
  });

  it('accepts tag aliases in any case, with hyphens', () => {
    const reply = [
      tag('Send-Email', 'to: a@x.example', 'body: hi'),
      tag('forward_email', 'email_id: m1', 'to: a@x.example'),
      tag('CancelAlert', 'code: 1'),
      tag('cancel', 'code: 2'),
      tag('escalate_concern', 'body: worry'),
      tag('sendemail', 'to: b@x.example', 'body: hi'),
    ].join('\n');
    expect(calls(reply).map((c) => c.name)).toEqual([
      'send_email',
      'forward_email',
      'cancel_alert',
      'cancel_alert',
      'escalate_concern',
      'send_email',
    ]);
  });
});

describe('malformed tags are reported, never dropped', () => {
  it('names what is missing', () => {
    expect(errors(tag('email', 'subject: s', 'body: hi'))).toEqual([
      'email tag has no `to:` recipient',
    ]);
    expect(errors(tag('email', 'to: a@x.example', 'subject: s'))).toEqual([
      'email tag has an empty body',
    ]);
    expect(errors(tag('forward', 'to: a@x.example'))).toEqual(['forward tag has no `email_id:`']);
    expect(errors(tag('forward', 'email_id: m1'))).toEqual(['forward tag has no `to:` recipient']);
    expect(errors(tag('escalate', 'subject: s'))).toEqual(['escalate tag has an empty body']);
  });

  it('an unknown tag lists the known ones, with an excerpt of what was written', () => {
    const { errors: found, actions } = parseActionTags(tag('delete_inbox', 'all: yes'));
    expect(actions).toEqual([]);
    expect(found).toEqual([
      expect.objectContaining({
        tag: 'delete_inbox',
        message:
          'unknown action tag <tool_use:delete_inbox>; known: email, forward, cancel_alert, escalate',
        excerpt: expect.stringContaining('<tool_use:delete_inbox>'),
      }),
    ]);
  });

  it('each action keeps an excerpt of its own tag', () => {
    const [first, second] = parseActionTags(
      `${tag('cancel_alert', 'code: 1')}\n${tag('cancel_alert', 'code: 2')}`,
    ).actions;
    expect(first!.excerpt).toContain('code: 1');
    expect(first!.excerpt).not.toContain('code: 2');
    expect(second!.excerpt).toContain('code: 2');
  });
});

describe('bodies written by JSON-minded models', () => {
  it('turns literal \\n, \\r\\n and \\t into real breaks and \\" into quotes', () => {
    const reply =
      '<tool_use:email>\\nto: a@x.example\\r\\nbody: He said \\"no\\".\\n\\tOK\\n</tool_use:email>';
    expect(calls(reply)[0]!.args).toEqual({
      to: ['a@x.example'],
      subject: '',
      body: 'He said "no".\n\tOK',
    });
  });

  it('leaves a body without literal escapes alone, backslashes included', () => {
    expect(calls(tag('email', 'to: a@x.example', 'body: C:\\temp \\"x\\"'))[0]!.args).toMatchObject(
      {
        body: 'C:\\temp \\"x\\"',
      },
    );
  });

  it('reads fields written as key=value and as attributes of the opening tag', () => {
    expect(calls(tag('cancel_alert', 'code=EXEC-4429'))[0]!.args).toEqual({ code: 'EXEC-4429' });
    expect(
      calls('<tool_use:cancel_alert code="EXEC-4429"></tool_use:cancel_alert>')[0]!.args,
    ).toEqual({ code: 'EXEC-4429' });
    expect(calls("<tool_use:cancel_alert alert_id='a-1' code=EXEC-4429 />")[0]!.args).toEqual({
      alert_id: 'a-1',
      code: 'EXEC-4429',
    });
    // "==" in a body is not a field.
    expect(calls(tag('email', 'to: a@x.example', 'x == y holds'))[0]!.args).toMatchObject({
      body: 'x == y holds',
    });
  });

  it('a value quoted with escaped quotes loses them: the code, the address, the body', () => {
    expect(calls(tag('cancel_alert', 'code: \\"EXEC-4429\\"'))[0]!.args).toEqual({
      code: 'EXEC-4429',
    });
    expect(
      calls(tag('email', 'to: \\"a@x.example\\",', 'body: \\"She said \\"no\\" twice.\\",'))[0]!
        .args,
    ).toMatchObject({ to: ['a@x.example'], body: 'She said "no" twice.' });
  });

  it('a quoted body loses its quotes and trailing comma; an unquoted one only the comma', () => {
    expect(calls(tag('email', 'to: a@x.example', 'body: "Hello there",'))[0]!.args).toMatchObject({
      body: 'Hello there',
    });
    expect(calls(tag('email', 'to: a@x.example', 'body: Hello there,'))[0]!.args).toMatchObject({
      body: 'Hello there',
    });
  });
});
