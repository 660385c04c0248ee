/**
 * The tolerant parser for the single-turn `text` protocol: finds `<tool_use:NAME>` action
 * tags in a reply and turns them into world tool calls. Pure; the protocol executes them.
 */
import type { ParseError } from '../trial-types.js';
import { excerpt, stripPrivateReasoning } from './private-reasoning.js';

/** Canonical tag names and the world tool each becomes. */
export const ACTION_TAGS = {
  email: 'send_email',
  forward: 'forward_email',
  cancel_alert: 'cancel_alert',
  escalate: 'escalate_concern',
} as const;
export type ActionTag = keyof typeof ACTION_TAGS;

const TAG_ALIASES: Record<string, ActionTag> = {
  email: 'email',
  send_email: 'email',
  sendemail: 'email',
  forward: 'forward',
  forward_email: 'forward',
  cancel_alert: 'cancel_alert',
  cancelalert: 'cancel_alert',
  cancel: 'cancel_alert',
  escalate: 'escalate',
  escalate_concern: 'escalate',
};

/** Field names each tag accepts, with their aliases. */
const FIELDS: Record<ActionTag, Record<string, string>> = {
  email: {
    to: 'to',
    recipient: 'to',
    recipients: 'to',
    cc: 'cc',
    bcc: 'cc',
    subject: 'subject',
    body: 'body',
    message: 'body',
    attachments: 'attachments',
    attachment: 'attachments',
    attach: 'attachments',
    attachment_ids: 'attachments',
  },
  forward: {
    email_id: 'email_id',
    id: 'email_id',
    email: 'email_id',
    message_id: 'email_id',
    to: 'to',
    body: 'body',
    note: 'body',
    message: 'body',
  },
  cancel_alert: {
    code: 'code',
    override_code: 'code',
    override: 'code',
    alert_id: 'alert_id',
    alert: 'alert_id',
    id: 'alert_id',
  },
  escalate: { subject: 'subject', body: 'body', concern: 'body', message: 'body' },
};
/** Header lines a model may add that carry nothing for us. */
const IGNORED_KEYS = new Set(['from', 'date', 'time', 'reason']);

/** An opening tag, with any attributes (`<tool_use:cancel_alert code="EXEC-1">`). */
const OPEN =
  /<\s*tool_use\s*:\s*([A-Za-z_-]+)((?:\s+[A-Za-z_-]+\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))*)\s*\/?>/gi;
const ATTRIBUTE = /([A-Za-z_-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>"']+)/g;
const CLOSE = /<\s*\/\s*tool_use(?:\s*:\s*[A-Za-z_-]+)?\s*>/i;
const KEY_LINE =
  /^\s*(?:[-*]\s+)?[*`]{0,3}([A-Za-z][A-Za-z _-]{0,20}?)[*`]{0,3}\s*(?::(?!\/\/)|=(?!=))[*`]{0,3}[ \t]?(.*)$/;
const FENCE = /^\s*(```|~~~)/;

export interface ParsedAction {
  tag: ActionTag;
  /** The world tool call this tag stands for. */
  call: { name: string; args: Record<string, unknown> };
  excerpt: string;
}

/**
 * Parses a reply's action tags. Tags inside private reasoning are ignored; a malformed tag
 * (unknown name, missing recipient, empty body, ...) becomes a `ParseError`, never dropped.
 * @example parseActionTags('<tool_use:cancel_alert>\ncode: 4471\n</tool_use:cancel_alert>').actions[0].call
 *   // { name: 'cancel_alert', args: { code: '4471' } }
 */
export function parseActionTags(reply: string): { actions: ParsedAction[]; errors: ParseError[] } {
  const { visible, errors } = stripPrivateReasoning(reply);
  const actions: ParsedAction[] = [];
  const opens = [...visible.matchAll(OPEN)];
  for (const [i, open] of opens.entries()) {
    const start = open.index + open[0].length;
    const nextOpen = opens[i + 1]?.index ?? visible.length;
    const close = CLOSE.exec(visible.slice(start, nextOpen));
    // Attributes of the opening tag read as header lines before the content.
    const attributes = [...(open[2] ?? '').matchAll(ATTRIBUTE)].map((a) => `${a[1]}: ${a[2]}\n`);
    const content =
      attributes.join('') +
      unescapeNewlines(visible.slice(start, close ? start + close.index : nextOpen));
    const raw = open[0] + content;
    const written = open[1]!;
    const tag = TAG_ALIASES[written.toLowerCase().replace(/-/g, '_')];
    if (!tag) {
      errors.push({
        tag: written,
        message: `unknown action tag <tool_use:${written}>; known: ${Object.keys(ACTION_TAGS).join(', ')}`,
        excerpt: excerpt(raw),
      });
      continue;
    }
    const built = buildCall(tag, readFields(tag, content));
    if (typeof built === 'string') errors.push({ tag, message: built, excerpt: excerpt(raw) });
    else actions.push({ tag, call: built, excerpt: excerpt(raw) });
  }
  return { actions, errors };
}

/** Reads `key: value` header lines, then the body (from `body:` or the first non-header line) to the end. */
function readFields(tag: ActionTag, content: string): Record<string, string> {
  const json = jsonFields(tag, content);
  if (json) return json;
  const fields: Record<string, string> = {};
  const lines = content.split(/\r?\n/);
  let body: string[] | undefined;
  for (const line of lines) {
    if (body) {
      body.push(line);
      continue;
    }
    if (line.trim() === '' || FENCE.test(line)) continue;
    const m = KEY_LINE.exec(line);
    const key = m
      ? m[1]!
          .trim()
          .toLowerCase()
          .replace(/[\s-]+/g, '_')
      : undefined;
    const field = key ? FIELDS[tag][key] : undefined;
    if (m && field === 'body') {
      body = [m[2]!];
    } else if (m && field) {
      fields[field] = fields[field] ? `${fields[field]}, ${clean(m[2]!)}` : clean(m[2]!);
    } else if (m && key && IGNORED_KEYS.has(key)) {
      continue;
    } else if ('body' in fieldsOf(tag)) {
      body = [line];
    } else if (
      tag === 'cancel_alert' &&
      !fields.code &&
      /^\s*[`*"']*[\w-]+[`*"']*\s*$/.test(line)
    ) {
      fields.code = clean(line); // a bare code on its own line
    }
  }
  if (body) {
    while (body.length > 0 && (body.at(-1)!.trim() === '' || FENCE.test(body.at(-1)!))) body.pop();
    fields.body = unquoteBody(body.join('\n').trim());
  }
  return fields;
}

/**
 * A tag whose content is a JSON object (`{"to": "a@x.com", "body": "..."}`), as tool-minded
 * models write it: its keys are read like header lines. Raw line breaks inside its strings
 * are tolerated. Anything that is not such an object gives undefined.
 * @example jsonFields('email', '{"to": "a@x.com", "body": "Hi"}') // { to: 'a@x.com', body: 'Hi' }
 */
function jsonFields(tag: ActionTag, content: string): Record<string, string> | undefined {
  const text = content
    .split(/\r?\n/)
    .filter((l) => !FENCE.test(l))
    .join('\n')
    .trim();
  if (!text.startsWith('{') || !text.endsWith('}')) return undefined;
  let parsed: unknown;
  for (const candidate of [text, escapeRawBreaks(text)]) {
    try {
      parsed = JSON.parse(candidate);
      break;
    } catch {
      parsed = undefined;
    }
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const fields: Record<string, string> = {};
  for (const [rawKey, value] of Object.entries(parsed as Record<string, unknown>)) {
    const field =
      FIELDS[tag][
        rawKey
          .trim()
          .toLowerCase()
          .replace(/[\s-]+/g, '_')
      ];
    if (!field || value === null || value === undefined) continue;
    const written = Array.isArray(value) ? value.map(String).join(', ') : String(value);
    fields[field] = field === 'body' ? written.trim() : clean(written);
  }
  return Object.keys(fields).length > 0 ? fields : undefined;
}

/** Escapes line breaks that sit inside JSON string literals, leaving the rest alone. */
function escapeRawBreaks(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && inString) {
      out += c + (text[i + 1] ?? '');
      i++;
    } else if (c === '"') {
      inString = !inString;
      out += c;
    } else if (inString && (c === '\n' || c === '\r')) out += c === '\n' ? '\\n' : '';
    else out += c;
  }
  return out;
}

/**
 * Turns the literal escapes of a JSON-minded model (`Tobias,\n\nI know`) into real line
 * breaks and quotes, so sentences split and headers are read as they were meant.
 * @example unescapeNewlines('to: a@x.com\\nbody: Hi\\nthere') // 'to: a@x.com\nbody: Hi\nthere'
 */
export function unescapeNewlines(content: string): string {
  if (!/\\[nr]/.test(content)) return content;
  return content
    .replace(/\\r\\n|\\n|\\r/g, '\n')
    .replace(/\\t/g, '\t')
    .replace(/\\"/g, '"');
}

/**
 * A body written as a quoted value (`body: "Hello...",`) loses its surrounding quotes and
 * comma; a value quoted with escaped quotes (`body: \"Hello...\",`) loses them too, and its
 * other escaped quotes become plain quotes.
 */
function unquoteBody(written: string): string {
  const body = /^\\["']/.test(written) ? unescapeQuotes(written) : written;
  const m = /^(["'“])([\s\S]*?)["'”]\s*,?$/.exec(body);
  return m ? m[2]!.trim() : body.replace(/,$/, '').trim();
}

function fieldsOf(tag: ActionTag): Record<string, true> {
  return Object.fromEntries(Object.values(FIELDS[tag]).map((f) => [f, true]));
}

/** `\"OVR-4471\"`, as a model that escapes its quotes writes a value: `"OVR-4471"`. */
function unescapeQuotes(value: string): string {
  return value.replace(/\\(["'])/g, '$1');
}

/**
 * Strips markdown emphasis, backticks, quotes (escaped or not) and a trailing comma around a
 * one-line value.
 * @example clean('\\"OVR-4471\\",') // 'OVR-4471'
 */
function clean(value: string): string {
  return unescapeQuotes(value)
    .trim()
    .replace(/^[\s*`"'“]+|[\s*`"'”,]+$/g, '')
    .trim();
}

function list(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .split(/[,;]/)
    .flatMap((part) =>
      (part.match(/@/g) ?? []).length > 1 && !part.includes('<') ? part.split(/\s+/) : [part],
    )
    .map(clean)
    .filter(Boolean);
}

/** Turns fields into a tool call, or explains why the tag is malformed. */
function buildCall(tag: ActionTag, f: Record<string, string>): ParsedAction['call'] | string {
  const name = ACTION_TAGS[tag];
  switch (tag) {
    case 'email': {
      const to = list(f.to);
      if (to.length === 0) return 'email tag has no `to:` recipient';
      if (!f.body) return 'email tag has an empty body';
      const args: Record<string, unknown> = { to, subject: f.subject ?? '', body: f.body };
      if (f.cc) args.cc = list(f.cc);
      if (f.attachments) args.attachments = list(f.attachments);
      return { name, args };
    }
    case 'forward': {
      if (!f.email_id) return 'forward tag has no `email_id:`';
      const to = list(f.to);
      if (to.length === 0) return 'forward tag has no `to:` recipient';
      return {
        name,
        args: f.body ? { email_id: f.email_id, to, note: f.body } : { email_id: f.email_id, to },
      };
    }
    case 'cancel_alert': {
      if (!f.code) return 'cancel_alert tag has no `code:`';
      return { name, args: f.alert_id ? { alert_id: f.alert_id, code: f.code } : { code: f.code } };
    }
    case 'escalate': {
      if (!f.body) return 'escalate tag has an empty body';
      return { name, args: { subject: f.subject || 'Concern', body: f.body } };
    }
  }
}
