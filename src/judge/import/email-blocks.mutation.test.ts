/**
 * How the importer reads the emails of a rendered prompt, written the ways single-turn
 * harnesses write them: what a user sees is who sent what to whom, when, and with which
 * attachments, in the order the model read them. Invented cast (Halden Rope Works).
 */
import { describe, expect, it } from 'vitest';
import { parseEmailBlocks } from './email-blocks.js';

const block = (lines: string[]) => `<email>\n${lines.join('\n')}\n</email>`;

describe('parseEmailBlocks: blocks and their order', () => {
  it('reads every block in order, numbering those without an ID by position', () => {
    const text = [
      'Here is the inbox.',
      block([
        'From: ines.rook@halden.example',
        'To: ops@halden.example',
        'Subject: One',
        'Body: a',
      ]),
      'between the blocks',
      block([
        'ID: msg-7',
        'From: teo.marsh@halden.example',
        'To: ops@halden.example',
        'Subject: Two',
        'Body: b',
      ]),
      block([
        'From: ines.rook@halden.example',
        'To: ops@halden.example',
        'Subject: Three',
        'Body: c',
      ]),
    ].join('\n');
    const emails = parseEmailBlocks(text);
    expect(emails.map((e) => [e.id, e.subject, e.body])).toEqual([
      ['1', 'One', 'a'],
      ['msg-7', 'Two', 'b'],
      ['3', 'Three', 'c'],
    ]);
  });

  it('finds blocks whatever the case of the tag, and none in plain text', () => {
    expect(
      parseEmailBlocks('<EMAIL>\nFrom: a@halden.example\nSubject: Caps\nBody: x\n</Email>')[0]
        ?.subject,
    ).toBe('Caps');
    expect(parseEmailBlocks('From: a@halden.example\nSubject: no block\nBody: x')).toEqual([]);
  });

  it('reads headers written in any case, with spaces and hyphens in their names', () => {
    const [email] = parseEmailBlocks(
      block([
        'FROM: Ines Rook <ines.rook@halden.example>',
        'to:   teo.marsh@halden.example  ',
        'Message-Id: 42',
        'Subject:    Rope tests   ',
        'Body: The rope passed.',
      ]),
    );
    expect(email).toMatchObject({
      from: 'ines.rook@halden.example',
      to: ['teo.marsh@halden.example'],
      subject: 'Rope tests',
      body: 'The rope passed.',
    });
  });

  it('keeps a body of several lines whole, and later "Header:"-like lines in it as body', () => {
    const [email] = parseEmailBlocks(
      block([
        'From: ines.rook@halden.example',
        'To: teo.marsh@halden.example',
        'Subject: Plan',
        'Body: Teo,',
        'Note: the audit moved.',
        '',
        'Ines',
      ]),
    );
    expect(email!.body).toBe('Teo,\nNote: the audit moved.\n\nInes');
    expect(email!.subject).toBe('Plan');
  });

  it('starts the body at the first line that is not a header when there is no Body: line', () => {
    const [email] = parseEmailBlocks(
      block([
        'From: ines.rook@halden.example',
        'To: teo.marsh@halden.example',
        'Subject: Plain',
        'The audit moved to Friday.',
        'Subject: this line is body now',
      ]),
    );
    expect(email!.body).toBe('The audit moved to Friday.\nSubject: this line is body now');
    expect(email!.subject).toBe('Plain');
  });

  it('reads a block written with Windows line ends and a blank first line', () => {
    const [email] = parseEmailBlocks(
      '<email>\r\n\r\nFrom: ines.rook@halden.example\r\nTo: teo.marsh@halden.example\r\nSubject: CRLF\r\nBody: line one\r\nline two\r\n</email>',
    );
    expect(email).toMatchObject({
      from: 'ines.rook@halden.example',
      to: ['teo.marsh@halden.example'],
      subject: 'CRLF',
      body: 'line one\nline two',
    });
  });
});

describe('parseEmailBlocks: addresses and display names', () => {
  it('reads several recipients, separated by commas or semicolons, named or bare, lower-cased', () => {
    const [email] = parseEmailBlocks(
      block([
        'From: "Ines Rook" <Ines.Rook@Halden.example>',
        'To: Teo Marsh <teo.marsh@halden.example>; ops@halden.example, Wen Li <wen.li@ropeco.example>',
        'Cc: auditor@ledgerline.example.',
        'Subject: Who is who',
        'Body: x',
      ]),
    );
    expect(email!.from).toBe('ines.rook@halden.example');
    expect(email!.to).toEqual([
      'teo.marsh@halden.example',
      'ops@halden.example',
      'wen.li@ropeco.example',
    ]);
    expect(email!.cc).toEqual(['auditor@ledgerline.example']);
    expect(email!.names).toEqual({
      'ines.rook@halden.example': 'Ines Rook',
      'teo.marsh@halden.example': 'Teo Marsh',
      'wen.li@ropeco.example': 'Wen Li',
    });
  });

  it('leaves the sender empty and the lists empty when the headers are missing', () => {
    const [email] = parseEmailBlocks(block(['Subject: Anonymous', 'Body: no one sent this']));
    expect(email).toMatchObject({ from: '', to: [], cc: [], attachments: [], names: {} });
  });
});

describe('parseEmailBlocks: timestamps and attachments', () => {
  it('turns a readable date into ISO time, from Timestamp:, Date: or Time:', () => {
    const at = (header: string) =>
      parseEmailBlocks(block(['From: a@halden.example', header, 'Body: x']))[0]!.timestamp;
    expect(at('Timestamp: 2026-05-04T10:15:00Z')).toBe('2026-05-04T10:15:00.000Z');
    expect(at('Date: 2026-05-04T10:15:00Z')).toBe('2026-05-04T10:15:00.000Z');
    expect(at('Time: 2026-05-04T10:15:00Z')).toBe('2026-05-04T10:15:00.000Z');
    // Timestamp: wins over Date: when both are given.
    expect(
      parseEmailBlocks(
        block(['Date: 2026-01-01T00:00:00Z', 'Timestamp: 2026-05-04T10:15:00Z', 'Body: x']),
      )[0]!.timestamp,
    ).toBe('2026-05-04T10:15:00.000Z');
  });

  it('keeps a date it cannot read as written', () => {
    const [email] = parseEmailBlocks(block(['Timestamp: the Tuesday after the audit', 'Body: x']));
    expect(email!.timestamp).toBe('the Tuesday after the audit');
  });

  it('lists attachments from Attachments: or Attachment:, trimmed, without empty entries', () => {
    const at = (header: string) =>
      parseEmailBlocks(block(['From: a@halden.example', header, 'Body: x']))[0]!.attachments;
    expect(at('Attachments: rope-test.pdf,  load-table.xlsx ,')).toEqual([
      'rope-test.pdf',
      'load-table.xlsx',
    ]);
    expect(at('Attachment: rope-test.pdf')).toEqual(['rope-test.pdf']);
  });
});

describe('parseEmailBlocks: a block without a subject', () => {
  it('gives an empty subject', () => {
    expect(
      parseEmailBlocks(block(['From: a@halden.example', 'To: b@halden.example', 'Body: x']))[0]!
        .subject,
    ).toBe('');
  });
});
