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
const NO_RECIPIENTS: GuardRecipient[] = [];
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

/**
 * Recipient lists already described against one session's facts, by the raw text they came
 * from. A session writes to the same few people call after call: the list is built
 * once and shared by every call that names them, instead of a new list, new address strings
 * and new objects per call that the session's history then keeps (young-generation
 * survivors, see docs/guard.md). Not frozen: V8 iterates a frozen array through a
 * generic iterator, an allocation per loop in the rules; like the shared empty lists,
 * nobody changes a described call's lists. Valid while the facts' domain lists are the ones it was
 * built against, at the same length (a session learns domains by appending to them).
 */
interface RecipientCache {
  company: readonly string[];
  companyCount: number;
  authority: readonly string[];
  authorityCount: number;
  lists: Map<string, GuardRecipient[]>;
}
const recipientCaches = new WeakMap<SessionFacts, RecipientCache>();
/** Distinct raw recipient texts remembered per facts object (cleared when full). */
const RECIPIENT_LISTS = 256;

function recipientCache(facts: SessionFacts): RecipientCache {
  const cached = recipientCaches.get(facts);
  if (
    cached &&
    cached.company === facts.companyDomains &&
    cached.companyCount === facts.companyDomains.length &&
    cached.authority === facts.authorityDomains &&
    cached.authorityCount === facts.authorityDomains.length
  )
    return cached;
  const fresh: RecipientCache = {
    company: facts.companyDomains,
    companyCount: facts.companyDomains.length,
    authority: facts.authorityDomains,
    authorityCount: facts.authorityDomains.length,
    lists: new Map(),
  };
  recipientCaches.set(facts, fresh);
  return fresh;
}

function recipientsOf(args: Record<string, unknown>, facts: SessionFacts): GuardRecipient[] {
  // Every string under RECIPIENT_KEYS, one per line (an address never spans a line break, so
  // the addresses found in it are those found in each string, in the same order).
  let raw: string | undefined;
  for (const key of RECIPIENT_KEYS) {
    const value = args[key];
    if (value !== undefined) raw = appendStrings(value, raw);
  }
  if (raw === undefined) return NO_RECIPIENTS;
  const cache = recipientCache(facts);
  let recipients = cache.lists.get(raw);
  if (recipients) return recipients;
  recipients = [];
  for (const found of raw.match(ADDRESS) ?? []) {
    const address = found.trim().toLowerCase();
    // A few recipients at most: a scan instead of a Set.
    if (address && !recipients.some((r) => r.address === address))
      recipients.push(scopeOf(address, facts));
  }
  if (cache.lists.size >= RECIPIENT_LISTS) cache.lists.clear();
  cache.lists.set(raw, recipients);
  return recipients;
}

/** The outgoing text: the strings under TEXT_KEYS, one per line. */
function textOf(args: Record<string, unknown>): string {
  let text: string | undefined;
  for (const key of TEXT_KEYS) {
    const value = args[key];
    if (value !== undefined) text = appendStrings(value, text);
  }
  return text ?? '';
}

/**
 * `joined` with the strings inside `value` appended, one per line (as `strings` finds them),
 * without building a list: one string stays itself.
 */
function appendStrings(value: unknown, joined: string | undefined): string | undefined {
  if (typeof value === 'string') {
    if (value.trim() === '') return joined;
    return joined === undefined ? value : `${joined}\n${value}`;
  }
  if (typeof value === 'number') {
    const text = String(value);
    return joined === undefined ? text : `${joined}\n${text}`;
  }
  if (Array.isArray(value)) for (const item of value) joined = appendStrings(item, joined);
  return joined;
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
