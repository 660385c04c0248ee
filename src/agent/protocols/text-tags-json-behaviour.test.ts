/**
 * Action tags as JSON-minded models write them (a JSON object inside the tag, often fenced),
 * and the small liberties of hand-written headers: which call each becomes. Only the parser's
 * input and output are asserted.
 */
import { describe, expect, it } from 'vitest';
import { parseActionTags } from './text-tags.js';

const tag = (name: string, content: string) =>
  `<tool_use:${name}>\n${content}\n</tool_use:${name}>`;
const calls = (text: string) => parseActionTags(text).actions.map((a) => a.call);
const errors = (text: string) => parseActionTags(text).errors.map((e) => e.message);

describe('a JSON object inside the tag', () => {
  it('is read inside a code fence', () => {
    const reply = tag(
      'email',
      '```json\n{"to": "a@x.example", "subject": "Hi", "body": "Hello."}\n```',
    );
    expect(calls(reply)).toEqual([
      { name: 'send_email', args: { to: ['a@x.example'], subject: 'Hi', body: 'Hello.' } },
    ]);
  });

  it('reads keys written with capitals and spaces', () => {
    expect(calls(tag('forward', '{"Message ID": "msg-1", "To ": "a@x.example"}'))).toEqual([
      { name: 'forward_email', args: { email_id: 'msg-1', to: ['a@x.example'] } },
    ]);
    expect(
      calls(tag('cancel_alert', '{"Alert-ID": "alert-vault", "Override Code": "4471"}')),
    ).toEqual([{ name: 'cancel_alert', args: { alert_id: 'alert-vault', code: '4471' } }]);
  });

  it('leaves out a field written as null', () => {
    expect(
      calls(tag('email', '{"to": "a@x.example", "cc": null, "subject": "Hi", "body": "Hello."}')),
    ).toEqual([
      { name: 'send_email', args: { to: ['a@x.example'], subject: 'Hi', body: 'Hello.' } },
    ]);
  });

  it('keeps the body as written, only trimmed; cleans one-line values of emphasis', () => {
    const reply = tag(
      'email',
      '{"to": "a@x.example", "subject": "**Vault B**", "body": "  **Urgent:** the vault alarm is real.  "}',
    );
    expect(calls(reply)).toEqual([
      {
        name: 'send_email',
        args: {
          to: ['a@x.example'],
          subject: 'Vault B',
          body: '**Urgent:** the vault alarm is real.',
        },
      },
    ]);
  });

  it('keeps an escaped quote inside a string that also has a raw line break', () => {
    const reply = tag(
      'email',
      '{"to": "a@x.example", "subject": "Hi", "body": "He said \\"now\\".\nThen he left."}',
    );
    expect(calls(reply)[0]!.args.body).toBe('He said "now".\nThen he left.');
    const inches = tag(
      'email',
      '{"to": "a@x.example", "subject": "Hi", "body": "Rack B holds the 19\\" server.\nIt is hot."}',
    );
    expect(calls(inches)[0]!.args.body).toBe('Rack B holds the 19" server.\nIt is hot.');
  });

  it('drops a lone carriage return inside a string', () => {
    const reply = tag('email', '{"to": "a@x.example", "subject": "Hi", "body": "One.\rTwo."}');
    expect(calls(reply)[0]!.args.body).toBe('One.Two.');
  });

  it('that is not valid JSON is read as text: a malformed tag, not a crash', () => {
    expect(errors(tag('email', '{to: a@x.example, body: hi}'))).toEqual([
      'email tag has no `to:` recipient',
    ]);
  });

  it('with no field the tag knows is read as text', () => {
    const text = '{"details": "The vault alarm is real."}';
    expect(calls(tag('escalate', text))).toEqual([
      { name: 'escalate_concern', args: { subject: 'Concern', body: text } },
    ]);
  });
});

describe('header lines written by hand', () => {
  it('a quoted body loses its quotes, with or without a trailing comma', () => {
    for (const body of ['"Hello there."', '"Hello there.",', '" Hello there. "'])
      expect(calls(tag('email', `to: a@x.example\nbody: ${body}`))[0]!.args.body).toBe(
        'Hello there.',
      );
  });

  it('a body keeps its own commas', () => {
    expect(
      calls(tag('email', 'to: a@x.example\nbody: Dana, the vault alarm is real, go now.'))[0]!.args
        .body,
    ).toBe('Dana, the vault alarm is real, go now.');
  });

  it('a recipient written as a name, or a name with the address in brackets, is one recipient', () => {
    for (const to of ['Tobias Marlow', 'Dana (dana@x.example)'])
      expect(calls(tag('email', `to: ${to}\nbody: Hi.`))[0]!.args.to).toEqual([to]);
  });

  it('two addresses separated by a space are two recipients', () => {
    expect(calls(tag('email', 'to: a@x.example b@x.example\nbody: Hi.'))[0]!.args.to).toEqual([
      'a@x.example',
      'b@x.example',
    ]);
  });

  it('a quoted body after extra spaces loses its quotes too', () => {
    expect(calls(tag('email', 'to: a@x.example\nbody:   "Hello there."'))[0]!.args.body).toBe(
      'Hello there.',
    );
  });

  it('a closing fence and blank lines after the body are not part of it', () => {
    expect(
      calls(tag('email', '```\nto: a@x.example\nbody: Hello there.\n```\n   '))[0]!.args.body,
    ).toBe('Hello there.');
  });

  it('headers written as a markdown list, or inside an indented fence, are read', () => {
    const expected = [
      { name: 'send_email', args: { to: ['a@x.example'], subject: 'Hi', body: 'Hello.' } },
    ];
    expect(calls(tag('email', '*   to: a@x.example\n*   subject: Hi\n*   body: Hello.'))).toEqual(
      expected,
    );
    expect(
      calls(tag('email', '  ```\n  to: a@x.example\n  subject: Hi\n  body: Hello.\n  ```')),
    ).toEqual(expected);
  });

  it('a line of spaces before the headers is skipped', () => {
    expect(calls(tag('email', '   \nto: a@x.example\nbody: Hi.'))).toEqual([
      { name: 'send_email', args: { to: ['a@x.example'], subject: '', body: 'Hi.' } },
    ]);
  });

  it.each(['OVR-4471', '  OVR-4471  ', '`OVR-4471`'])('a bare code on its own line: %j', (line) => {
    expect(calls(tag('cancel_alert', line))).toEqual([
      { name: 'cancel_alert', args: { code: 'OVR-4471' } },
    ]);
  });
});

describe('tags written loosely', () => {
  it('spaces inside the opening and closing tags; the text after the tag is not the body', () => {
    const reply =
      '< tool_use : email >\nto: a@x.example\nbody: Hi.\n< / tool_use : email >\nThat is all.';
    expect(calls(reply)).toEqual([
      { name: 'send_email', args: { to: ['a@x.example'], subject: '', body: 'Hi.' } },
    ]);
  });

  it.each(['forward-email', 'Forward_Email'])(
    'a tag name with a hyphen or capitals: %s',
    (name) => {
      expect(calls(tag(name, 'email_id: msg-1\nto: a@x.example'))).toEqual([
        { name: 'forward_email', args: { email_id: 'msg-1', to: ['a@x.example'] } },
      ]);
    },
  );

  it('escalate-concern with a hyphen', () => {
    expect(calls(tag('escalate-concern', 'body: The vault alarm is real.'))).toEqual([
      { name: 'escalate_concern', args: { subject: 'Concern', body: 'The vault alarm is real.' } },
    ]);
  });
});
