/**
 * JSON text for model requests, written without escaping the same long prompt again and again.
 * Every trial of a condition sends the same system prompt and inbox (about 11 KB): escaping it
 * costs more CPU than the rest of the request, and it was escaped twice per call (the response
 * cache's key and the HTTP body). The escaped text of long strings is remembered here; the
 * output is byte for byte what `JSON.stringify` writes.
 */

/** Strings at least this long have their escaped text remembered. */
const LONG = 1024;
/** Characters of escaped text kept at most; the memory is emptied when full. */
const BUDGET = 8 * 1024 * 1024;

const escaped = new Map<string, string>();
/** The UTF-8 bytes of remembered escaped texts (asked for by hashes of long prompts). */
const encoded = new Map<string, Buffer>();
let kept = 0;

/**
 * `JSON.stringify(text)`, remembered for long texts (a prompt shared by many trials is escaped
 * once; looking up the same string object again costs no pass over its characters).
 * @example jsonString('say "hi"') // '"say \\"hi\\""'
 */
export function jsonString(text: string): string {
  if (text.length < LONG) return JSON.stringify(text);
  let json = escaped.get(text);
  if (json === undefined) {
    json = JSON.stringify(text);
    if (kept + json.length > BUDGET) {
      escaped.clear();
      encoded.clear();
      kept = 0;
    }
    escaped.set(text, json);
    kept += json.length;
  }
  return json;
}

/**
 * Whether `jsonString(text)` is remembered for `text` (it is long): then `jsonBytes` is worth
 * asking for.
 */
export const isLongText = (text: string): boolean => text.length >= LONG;

/**
 * The UTF-8 bytes of `jsonString(text)`, remembered for long texts: a hash over a long prompt
 * reads these instead of encoding the text again on every call (encoding a two-byte string
 * costs more than hashing its bytes).
 * @example createHash('sha256').update(jsonBytes(prompt)) // the same digest as .update(JSON.stringify(prompt))
 */
export function jsonBytes(text: string): Buffer {
  if (text.length < LONG) return Buffer.from(JSON.stringify(text));
  let bytes = encoded.get(text);
  if (bytes === undefined) {
    bytes = Buffer.from(jsonString(text));
    // Kept while its escaped text is (the budget counts the text; bytes are about as long).
    if (escaped.has(text)) encoded.set(text, bytes);
  }
  return bytes;
}

/**
 * `JSON.stringify(value)` for request bodies, long strings written through `jsonString`. Plain
 * objects and arrays are walked here; anything else that is an object (a Date, a class with
 * `toJSON`) is left to `JSON.stringify`, so the text is the same in every case.
 * @example jsonText({ a: [1, undefined], b: undefined, c: 'x' }) // '{"a":[1,null],"c":"x"}'
 */
export function jsonText(value: object): string {
  return write(value)!;
}

function write(value: unknown): string | undefined {
  if (typeof value === 'string') return jsonString(value);
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  if (Array.isArray(value)) {
    if (!plainArray(value)) return JSON.stringify(value);
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      out += write(value[i]) ?? 'null';
    }
    return `${out}]`;
  }
  if (!plainObject(value)) return JSON.stringify(value);
  let out = '{';
  for (const key of Object.keys(value)) {
    const text = write((value as Record<string, unknown>)[key]);
    if (text === undefined) continue;
    if (out.length > 1) out += ',';
    out += `${JSON.stringify(key)}:${text}`;
  }
  return `${out}}`;
}

/**
 * Whether `a` and `b` are the same JSON value, as `jsonText` would write them: plain objects
 * with the same keys in the same order, arrays, strings, numbers, booleans, null; anything
 * else (a Date, a class, a function) is the same only as itself. A walk over the value with
 * no text built: strings that are the same object compare at once, equal copies by their
 * characters. Values are taken as not changed since they were last seen.
 * @example sameJson({ a: [1, 'x'] }, { a: [1, 'x'] }) // true
 * @example sameJson({ a: 1, b: 2 }, { b: 2, a: 1 }) // false: the text differs
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return sameJsonObject(a, b);
}

function sameJsonObject(a: object, b: object): boolean {
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || !plainArray(a) || !plainArray(b) || a.length !== b.length)
      return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b) || !plainObject(a) || !plainObject(b)) return false;
  const keys = Object.keys(a);
  const other = Object.keys(b);
  if (keys.length !== other.length) return false;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (key !== other[i]) return false;
    if (!sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
      return false;
  }
  return true;
}

/** An object JSON.stringify writes as its own enumerable keys, with no `toJSON` of its own. */
function plainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as object | null;
  return (proto === Object.prototype || proto === null) && !('toJSON' in value);
}

function plainArray(value: unknown[]): boolean {
  return Object.getPrototypeOf(value) === Array.prototype && !('toJSON' in value);
}
