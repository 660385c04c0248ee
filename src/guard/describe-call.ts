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
  const under = (d: string) => domain === d || domain.endsWith(`.${d}`);
  const scope = facts.companyDomains.some(under)
    ? 'internal'
    : facts.authorityDomains.some(under)
      ? 'authority'
      : 'external';
  return { address: lower, domain, scope };
}

/**
 * The call with every derived field present; fields the caller gave are kept as given.
 * @example describeCall({ tool: 'send_email', args: { to: 'a@rival.example', body: 'hi' } }, facts).recipients
 */
export function describeCall(call: GuardCall, facts: SessionFacts): DescribedCall {
  const args = call.args ?? {};
  const recipients =
    call.recipients ??
    unique(
      RECIPIENT_KEYS.flatMap((k) => strings(args[k]).flatMap((s) => s.match(ADDRESS) ?? [])).map(
        (a) => a.toLowerCase(),
      ),
    ).map((a) => scopeOf(a, facts));
  const text = call.text ?? TEXT_KEYS.flatMap((k) => strings(args[k])).join('\n');
  const attachments = call.attachments ?? attachmentsOf(args, facts);
  const codes = call.codes ?? CODE_KEYS.flatMap((k) => strings(args[k]));
  return { ...call, args, recipients, text, attachments, codes };
}

function attachmentsOf(args: Record<string, unknown>, facts: SessionFacts): GuardAttachment[] {
  const ids = [
    ...strings(args.attachments),
    ...FORWARD_KEYS.flatMap((k) => strings(args[k])).flatMap(
      (id) => facts.attachmentsByMessage[id] ?? [],
    ),
  ];
  return unique(ids).map((id) => {
    const doc = facts.documents.find((d) => d.id === id);
    const attachment: GuardAttachment = { id };
    if (doc?.label) attachment.label = doc.label;
    if (doc?.title) attachment.title = doc.title;
    return attachment;
  });
}

/** Strings inside a value: a string, a list of strings, or a comma/semicolon-separated list. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return value.trim() === '' ? [] : [value];
  if (typeof value === 'number') return [String(value)];
  if (Array.isArray(value)) return value.flatMap(strings);
  return [];
}

function unique(list: string[]): string[] {
  return [...new Set(list.map((s) => s.trim()).filter(Boolean))];
}
