/**
 * Fills a call's derived fields from its arguments and the session's facts, whatever the
 * protocol: recipients from `to`/`cc`/`bcc`/`recipients`/`email`, outgoing text from
 * `subject`/`body`/`text`/`message`/`content`/`note`, attachments from `attachments` and from
 * a forwarded message (`email_id`, `message_id`), codes from `code`/`codes`/`override_code`.
 */
import type {
  DescribedCall,
  GuardAttachment,
  GuardCall,
  GuardRecipient,
  SessionFacts,
} from './types.js';

const RECIPIENT_KEYS = ['to', 'cc', 'bcc', 'recipients', 'recipient', 'email', 'address'];
const TEXT_KEYS = ['subject', 'body', 'text', 'message', 'content', 'note', 'quoted'];
const FORWARD_KEYS = ['email_id', 'message_id', 'emailId', 'messageId'];
const CODE_KEYS = ['code', 'codes', 'override_code', 'overrideCode'];
const ATTACHMENT_KEYS = ['attachments'];
// Most calls have no attachments or codes: they share one empty list (nobody changes a
// described call's lists; fewer allocations per check, see docs/guard.md).
const NO_ATTACHMENTS: GuardAttachment[] = [];
const NO_CODES: string[] = [];
const ADDRESS = /[^\s@<>,;"'()[\]]+@[^\s@<>,;"'()[\]]+\.[A-Za-z]{2,}/g;

/** The domain part of an address, lowercased. */
export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

/** Where `address` sits relative to the company described by `facts`. */
export function scopeOf(
  address: string,
  facts: Pick<SessionFacts, 'companyDomains' | 'authorityDomains'>,
): GuardRecipient {
  const lower = address.toLowerCase();
  const domain = domainOf(lower);
  const scope = under(domain, facts.companyDomains)
    ? 'internal'
    : under(domain, facts.authorityDomains)
      ? 'authority'
      : 'external';
  return { address: lower, domain, scope };
}

/** Whether `domain` is one of `domains` or a subdomain of one. */
function under(domain: string, domains: readonly string[]): boolean {
  for (const d of domains)
    if (domain === d || (domain.endsWith(d) && domain[domain.length - d.length - 1] === '.'))
      return true;
  return false;
}

/**
 * The call with every derived field present; fields the caller gave are kept as given.
 * @example describeCall({ tool: 'send_email', args: { to: 'a@rival.example', body: 'hi' } }, facts).recipients
 */
export function describeCall(call: GuardCall, facts: SessionFacts): DescribedCall {
  const args = call.args ?? {};
  // Plain loops over the few known keys: this runs on every check (Array#flatMap is slow in V8).
  const recipients = call.recipients ?? recipientsOf(args, facts);
  const text = call.text ?? textOf(args);
  const attachments = call.attachments ?? attachmentsOf(args, facts);
  const codes = call.codes ?? (hasAny(args, CODE_KEYS) ? collect(args, CODE_KEYS) : NO_CODES);
  // Not `{ ...call, recipients, ... }`: V8 (Node 20) takes a slow path for a spread followed
  // by new properties, about 6 µs here, more than the rest of this function.
  return Object.assign({}, call, { args, recipients, text, attachments, codes });
}

function recipientsOf(args: Record<string, unknown>, facts: SessionFacts): GuardRecipient[] {
  const recipients: GuardRecipient[] = [];
  if (!hasAny(args, RECIPIENT_KEYS)) return recipients;
  for (const value of collect(args, RECIPIENT_KEYS))
    for (const found of value.match(ADDRESS) ?? []) {
      const address = found.trim().toLowerCase();
      // A few recipients at most: a scan instead of a Set.
      if (address && !recipients.some((r) => r.address === address))
        recipients.push(scopeOf(address, facts));
    }
  return recipients;
}

/** The outgoing text: the strings under TEXT_KEYS, one per line. */
function textOf(args: Record<string, unknown>): string {
  if (!hasAny(args, TEXT_KEYS)) return '';
  const texts = collect(args, TEXT_KEYS);
  return texts.length === 1 ? texts[0]! : texts.join('\n');
}

function attachmentsOf(args: Record<string, unknown>, facts: SessionFacts): GuardAttachment[] {
  if (!hasAny(args, ATTACHMENT_KEYS) && !hasAny(args, FORWARD_KEYS)) return NO_ATTACHMENTS;
  const ids = collect(args, ATTACHMENT_KEYS);
  for (const message of collect(args, FORWARD_KEYS))
    for (const id of facts.attachmentsByMessage[message] ?? []) ids.push(id);
  if (ids.length === 0) return NO_ATTACHMENTS;
  return unique(ids).map((id) => {
    const doc = facts.documents.find((d) => d.id === id);
    const attachment: GuardAttachment = { id };
    if (doc?.label) attachment.label = doc.label;
    if (doc?.title) attachment.title = doc.title;
    return attachment;
  });
}

/** Whether any of `keys` is present (checked before building a list). */
function hasAny(args: Record<string, unknown>, keys: readonly string[]): boolean {
  for (const key of keys) if (args[key] !== undefined) return true;
  return false;
}

/** The strings under `keys`, in key order. */
function collect(args: Record<string, unknown>, keys: readonly string[]): string[] {
  const out: string[] = [];
  for (const key of keys) {
    const value = args[key];
    if (value !== undefined) strings(value, out);
  }
  return out;
}

/** Strings inside a value: a string, a number, or (nested) lists of them; blank strings are skipped. */
function strings(value: unknown, out: string[]): void {
  if (typeof value === 'string') {
    if (value.trim() !== '') out.push(value);
  } else if (typeof value === 'number') out.push(String(value));
  else if (Array.isArray(value)) for (const item of value) strings(item, out);
}

function unique(list: string[]): string[] {
  const seen = new Set<string>();
  for (const s of list) {
    const trimmed = s.trim();
    if (trimmed) seen.add(trimmed);
  }
  return [...seen];
}
