/**
 * Reads the emails out of a rendered prompt written for a single-turn text harness: one
 * `<email>` ... `</email>` block per message, header lines (`From:`, `To:`, `Cc:`,
 * `Subject:`, `Timestamp:` or `Date:`, optional `ID:` and `Attachments:`), then `Body:` and
 * the body to the end of the block. Pure.
 */
export interface ParsedEmail {
  /** The block's `ID:` header, else its 1-based position. */
  id: string;
  from: string;
  to: string[];
  cc: string[];
  subject: string;
  timestamp: string;
  body: string;
  attachments: string[];
  /** Display names seen in "Name <address>" forms, by lower-cased address. */
  names: Record<string, string>;
}

const BLOCK = /<email>([\s\S]*?)<\/email>/gi;
const HEADER = /^\s*([A-Za-z][A-Za-z -]{0,20}):[ \t]*(.*)$/;
const ADDRESS = /([^<>,;]*?)\s*<([^<>\s]+@[^<>\s]+)>|([^\s<>,;]+@[^\s<>,;]+)/g;

function addresses(value: string, names: Record<string, string>): string[] {
  const out: string[] = [];
  for (const m of value.matchAll(ADDRESS)) {
    const address = (m[2] ?? m[3] ?? '')
      .trim()
      .replace(/[.,;]+$/, '')
      .toLowerCase();
    if (!address) continue;
    const name = m[1]?.trim().replace(/^"|"$/g, '');
    if (name) names[address] = name;
    out.push(address);
  }
  return out;
}

/** An ISO timestamp when the text is a date we can read, else the text as written. */
function timestampOf(value: string): string {
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? value.trim() : new Date(parsed).toISOString();
}

/**
 * Parses every `<email>` block of `text`, in order.
 * @example parseEmailBlocks('<email>\nFrom: a@x.test\nTo: b@x.test\nSubject: Hi\nTimestamp: 2026-03-02T09:00:00\nBody: Hello\n</email>')[0].subject // 'Hi'
 */
export function parseEmailBlocks(text: string): ParsedEmail[] {
  const emails: ParsedEmail[] = [];
  for (const [index, block] of [...text.matchAll(BLOCK)].entries()) {
    const names: Record<string, string> = {};
    const headers: Record<string, string> = {};
    const lines = block[1]!.replace(/^\s*\n/, '').split(/\r?\n/);
    let bodyLines: string[] = [];
    for (const [i, line] of lines.entries()) {
      const m = HEADER.exec(line);
      if (!m) {
        // No "Body:" line: the body starts at the first line that is not a header.
        bodyLines = lines.slice(i);
        break;
      }
      const key = m[1]!.trim().toLowerCase();
      if (key === 'body') {
        bodyLines = [m[2]!, ...lines.slice(i + 1)];
        break;
      }
      headers[key] = m[2]!.trim();
    }
    emails.push({
      id: headers['id'] ?? String(index + 1),
      from: addresses(headers['from'] ?? '', names)[0] ?? '',
      to: addresses(headers['to'] ?? '', names),
      cc: addresses(headers['cc'] ?? '', names),
      subject: headers['subject'] ?? '',
      timestamp: timestampOf(headers['timestamp'] ?? headers['date'] ?? headers['time'] ?? ''),
      body: bodyLines.join('\n').trim(),
      attachments: (headers['attachments'] ?? headers['attachment'] ?? '')
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean),
      names,
    });
  }
  return emails;
}
