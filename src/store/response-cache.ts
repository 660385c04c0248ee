/**
 * A cache of model responses in the store, so a rerun never pays twice for the same call.
 * The key is a sha256 over a canonical JSON of everything that shapes the reply (never the
 * API key); only successful responses are stored.
 */
import { createHash, type Hash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { isLongText, jsonBytes, jsonString } from '../text/json-text.js';
import { deferWrite } from './deferred-writes.js';
import type {
  AgentModel,
  ChatMessage,
  GenerationSettings,
  ModelRequest,
  ModelResponse,
  ToolSpec,
} from '../agent/model.js';

export interface CacheKeyParts {
  provider: string;
  model: string;
  baseURL?: string;
  system: string;
  messages: readonly ChatMessage[];
  tools?: readonly ToolSpec[];
  settings: GenerationSettings;
  sample: number;
  /**
   * The trial's seed. Part of the key so that a run with another seed draws fresh samples
   * instead of replaying this run's replies to identical prompts.
   */
  seed?: number;
}

export interface ResponseCache {
  get(key: string): ModelResponse | undefined;
  put(key: string, response: ModelResponse): void;
  /** Entries stored. */
  size(): number;
  /** Commits puts not yet written (they are written on the next turn of the event loop anyway). */
  flush(): void;
}

/**
 * Opens the cache table in `db` (created if missing). Puts made in the same turn of the event
 * loop share one commit (a commit per reply would cost more than the rest of a trial), the
 * commit of the trials stored in that turn when there are any (`deferWrite`); a SIGKILL can
 * lose only replies not yet committed, which a rerun asks for again.
 */
export function createResponseCache(db: Database.Database): ResponseCache {
  db.exec(`CREATE TABLE IF NOT EXISTS response_cache (
    key TEXT PRIMARY KEY,
    response TEXT NOT NULL,
    created_at TEXT NOT NULL
  )`);
  const select = db.prepare<[string], { response: string }>(
    'SELECT response FROM response_cache WHERE key = ?',
  );
  const upsert = db.prepare(
    'INSERT OR REPLACE INTO response_cache (key, response, created_at) VALUES (?, ?, ?)',
  );
  const count = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM response_cache');
  let pending = new Map<string, string>();
  const writeAll = db.transaction((entries: Map<string, string>) => {
    const now = new Date().toISOString();
    for (const [key, response] of entries) upsert.run(key, response, now);
  });
  const flush = () => {
    if (pending.size === 0 || !db.open) return;
    const batch = pending;
    pending = new Map();
    try {
      writeAll.immediate(batch);
    } catch (error) {
      // Kept for the next try (newer replies for the same key win).
      for (const [key, response] of batch) if (!pending.has(key)) pending.set(key, response);
      throw error;
    }
  };
  return {
    get(key) {
      const row = pending.get(key) ?? select.get(key)?.response;
      return row ? (JSON.parse(row) as ModelResponse) : undefined;
    },
    put(key, response) {
      if (pending.size === 0) deferWrite(db, flush);
      pending.set(key, JSON.stringify(response));
    },
    size: () => {
      flush();
      return count.get()?.n ?? 0;
    },
    flush,
  };
}

// The key's fields as cacheKey splits them (head, then tail). A field added to CacheKeyParts
// and to neither stops this compiling: the key would silently leave it out.
type KeyedFields =
  | ('baseURL' | 'messages' | 'model' | 'provider')
  | ('sample' | 'seed' | 'settings' | 'system' | 'tools');
const everyFieldKeyed: Exclude<keyof CacheKeyParts, KeyedFields> extends never ? true : never =
  true;
void everyFieldKeyed;

/**
 * The cache key: sha256 of canonical JSON (sorted keys, no undefined). The timeout is left
 * out: it does not change what the model says. The JSON is hashed as it is written, long
 * strings (the prompt) from their remembered UTF-8 bytes: the digest is that of
 * `canonicalJson(material)`, without encoding the whole prompt again on every call.
 *
 * The keys sort as baseURL, messages, model, provider, then sample, seed, settings, system,
 * tools: the first four (the ~9 KB inbox among them) are the same for every sample of a
 * condition's first call, so the hash state after them is kept (`headHash`) and copied;
 * only the rest is hashed per call.
 * @example cacheKey({ provider: 'openai', model: 'gpt-4.1', system, messages, settings: {}, sample: 0 })
 */
export function cacheKey(parts: CacheKeyParts): string {
  const { timeoutMs: _timeout, ...settings } = parts.settings;
  const head = {
    baseURL: parts.baseURL,
    messages: parts.messages,
    model: parts.model,
    provider: parts.provider,
  };
  const tail = {
    sample: parts.sample,
    seed: parts.seed,
    settings,
    system: parts.system,
    tools: parts.tools ?? [],
  };
  const hash = headHash(head);
  // The tail's object continues the head's: its opening brace becomes a comma.
  const pieces = canonicalPieces(tail);
  pieces[0] = `,${(pieces[0] as string).slice(1)}`;
  hashPieces(hash, pieces);
  return hash.digest('hex');
}

/** Canonical JSON as pieces: text, and long strings apart (hashed from remembered bytes). */
type Piece = string | { long: string };

function canonicalPieces(value: object): Piece[] {
  const pieces: Piece[] = [];
  let text = '';
  writeCanonical(value, {
    text: (piece) => {
      text += piece;
    },
    string: (item) => {
      if (!isLongText(item)) {
        text += jsonString(item);
        return;
      }
      pieces.push(text, { long: item });
      text = '';
    },
  });
  pieces.push(text);
  return pieces;
}

function hashPieces(hash: Hash, pieces: readonly Piece[]): void {
  for (const piece of pieces) {
    if (typeof piece !== 'string') hash.update(jsonBytes(piece.long));
    else if (piece.length > 0) hash.update(piece);
  }
}

/** Hash states after a key's first keys, by their text (long strings as `\0`), the last few. */
const heads = new Map<string, { longs: string[]; state: Hash }>();
const HEADS = 16;

/** A hash that has taken the head object's canonical JSON, all but its closing brace. */
function headHash(head: object): Hash {
  const pieces = canonicalPieces(head);
  const last = pieces.length - 1;
  pieces[last] = (pieces[last] as string).slice(0, -1);
  const longs: string[] = [];
  let signature = '';
  for (const piece of pieces) {
    if (typeof piece === 'string') signature += piece;
    else {
      signature += '\0';
      longs.push(piece.long);
    }
  }
  const known = heads.get(signature);
  if (known && known.longs.length === longs.length && known.longs.every((l, i) => l === longs[i]))
    return known.state.copy();
  const hash = createHash('sha256');
  hashPieces(hash, pieces);
  if (heads.size >= HEADS) heads.delete(heads.keys().next().value!);
  heads.set(signature, { longs, state: hash.copy() });
  return hash;
}

/**
 * JSON with object keys sorted at every depth and undefined values dropped. Written straight
 * to text (no sorted copy of the value first): it runs on every model call's whole prompt.
 * @example canonicalJson({ b: 1, a: [undefined, { d: undefined, c: 2 }] }) // '{"a":[null,{"c":2}],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  let out = '';
  const written = writeCanonical(value, {
    text: (piece) => {
      out += piece;
    },
    string: (text) => {
      out += jsonString(text);
    },
  });
  return (written ? out : undefined) as string;
}

/** Where canonical JSON goes: its punctuation and other values as text, strings apart. */
interface CanonicalSink {
  text(piece: string): void;
  /** A string value, to be written as JSON (`jsonString`). */
  string(value: string): void;
}

/** A value JSON leaves out (undefined, functions, symbols): an omitted key, `null` in an array. */
const omitted = (value: unknown) =>
  value === undefined || typeof value === 'function' || typeof value === 'symbol';

/**
 * Writes one value's canonical JSON to `sink`; false (nothing written) for what JSON leaves
 * out. Every object, whatever its class, is written as its own enumerable keys; a
 * `__proto__` key is left out (as a sorted copy made by assignment lost it). The text is the
 * same as `JSON.stringify` of a copy with keys sorted, byte for byte, so keys stored by
 * earlier versions still match.
 */
function writeCanonical(value: unknown, sink: CanonicalSink): boolean {
  if (typeof value === 'string') {
    sink.string(value);
    return true;
  }
  if (omitted(value)) return false;
  if (typeof value !== 'object') {
    sink.text(JSON.stringify(value));
    return true;
  }
  if (value === null) {
    sink.text('null');
    return true;
  }
  if (Array.isArray(value)) {
    sink.text('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) sink.text(',');
      if (!writeCanonical(value[i], sink)) sink.text('null');
    }
    sink.text(']');
    return true;
  }
  sink.text('{');
  let first = true;
  for (const key of sortedKeys(value)) {
    if (key === '__proto__') continue;
    const item = (value as Record<string, unknown>)[key];
    if (omitted(item)) continue;
    sink.text(first ? `${JSON.stringify(key)}:` : `,${JSON.stringify(key)}:`);
    first = false;
    writeCanonical(item, sink);
  }
  sink.text('}');
  return true;
}

/**
 * Keys in the order JSON.stringify writes an object built with sorted keys: integer keys
 * first, ascending (JavaScript puts them first in every object), then the others sorted.
 */
function sortedKeys(value: object): string[] {
  const keys = Object.keys(value);
  // Object.keys lists integer keys first, ascending: only the rest needs sorting.
  let integers = 0;
  while (integers < keys.length && isIndex(keys[integers]!)) integers++;
  if (integers === 0) return keys.sort();
  return [...keys.slice(0, integers), ...keys.slice(integers).sort()];
}

/** An array-index key (below 2^32 - 1), which objects order before all others. */
const isIndex = (key: string) => /^(?:0|[1-9][0-9]*)$/.test(key) && Number(key) < 4294967295;

export interface WithCacheOptions {
  /** `--no-cache`: always call the model (the fresh reply still refreshes the cache). */
  bypass?: boolean;
  onHit?(key: string): void;
}

/**
 * Answers from the cache when it can, otherwise calls the model and stores the reply.
 * @example withCache(model, cache, { provider: 'anthropic', model: 'claude-sonnet-4-5' })
 */
export function withCache(
  model: AgentModel,
  cache: ResponseCache,
  keyParts: Pick<CacheKeyParts, 'provider' | 'model' | 'baseURL'>,
  options: WithCacheOptions = {},
): AgentModel {
  return {
    ...model,
    async generate(request: ModelRequest, signal?: AbortSignal): Promise<ModelResponse> {
      const key = cacheKey({
        ...keyParts,
        system: request.system,
        messages: request.messages,
        tools: request.tools,
        settings: { ...model.defaults, ...request.settings },
        sample: request.sample,
        seed: request.seed,
      });
      if (!options.bypass) {
        const hit = cache.get(key);
        if (hit) {
          options.onHit?.(key);
          return { ...hit, cached: true };
        }
      }
      const response = await model.generate(request, signal);
      cache.put(key, response);
      return response;
    },
  };
}
