/**
 * Emails read back out of the text an agent was shown, so the transcript page can show an
 * inbox the way an email client does. Pure and DOM-free: the front end bundles it.
 * Understands the world's own formats: `<email>` blocks (text protocol), one formatted
 * email (`read_email`), and the one-line-per-email listing of `read_inbox`.
 */

export interface ShownEmail {
  id: string;
  from: string;
  to: string;
  cc: string;
  time: string;
  subject: string;
  attachments: string;
  /** The body, with any attachment contents after it. */
  body: string;
}

const HEADER = /^(email_id|from|to|cc|time|subject|attachments): ?(.*)$/;

/** One formatted email (`email_id:` and header lines, a blank line, the body). */
export function parseEmail(text: string): ShownEmail | null {
  const lines = text.replace(/^\n+/, '').split('\n');
  const email: ShownEmail = {
    id: '',
    from: '',
    to: '',
    cc: '',
    time: '',
    subject: '',
    attachments: '',
    body: '',
  };
  let i = 0;
  for (; i < lines.length; i++) {
    const match = HEADER.exec(lines[i]!);
    if (!match) break;
    const key = match[1] === 'email_id' ? 'id' : (match[1] as keyof ShownEmail);
    email[key] = match[2]!;
  }
  if (!email.id) return null;
  email.body = lines
    .slice(lines[i] === '' ? i + 1 : i)
    .join('\n')
    .trim();
  return email;
}

/**
 * Every email in `text`: the `<email>` blocks, else the text itself when it is one email,
 * else the lines of a `read_inbox` listing (`id | time | from X | subject`, no body).
 * @example parseEmails('<email>\nemail_id: m1\nfrom: a@x.test\n\nHello\n</email>')[0].body // 'Hello'
 */
export function parseEmails(text: string): ShownEmail[] {
  const blocks = [...text.matchAll(/<email>\n?([\s\S]*?)\n?<\/email>/g)]
    .map((m) => parseEmail(m[1]!))
    .filter((e): e is ShownEmail => e !== null);
  if (blocks.length > 0) return blocks;
  const single = parseEmail(text);
  if (single) return [single];
  const listed: ShownEmail[] = [];
  for (const line of text.split('\n')) {
    const parts = line.split(' | ');
    if (parts.length < 4 || !parts[2]!.startsWith('from ')) continue;
    listed.push({
      id: parts[0]!.trim(),
      time: parts[1]!.trim(),
      from: parts[2]!.slice(5).trim(),
      subject: parts.slice(3).join(' | ').trim(),
      to: '',
      cc: '',
      attachments: '',
      body: '',
    });
  }
  return listed;
}
