/**
 * A cache of model responses in the store, so a rerun never pays twice for the same call.
 * The key is a sha256 over a canonical JSON of everything that shapes the reply (never the
 * API key); only successful responses are stored.
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { jsonString } from '../text/json-text.js';
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

/**
 * The cache key: sha256 of canonical JSON (sorted keys, no undefined). The timeout is left
 * out: it does not change what the model says.
 * @example cacheKey({ provider: 'openai', model: 'gpt-4.1', system, messages, settings: {}, sample: 0 })
 */
export function cacheKey(parts: CacheKeyParts): string {
  const { timeoutMs: _timeout, ...settings } = parts.settings;
  const material = { ...parts, settings, tools: parts.tools ?? [] };
  return createHash('sha256').update(canonicalJson(material)).digest('hex');
}

/**
 * JSON with object keys sorted at every depth and undefined values dropped. Written straight
 * to text (no sorted copy of the value first): it runs on every model call's whole prompt.
 * @example canonicalJson({ b: 1, a: [undefined, { d: undefined, c: 2 }] }) // '{"a":[null,{"c":2}],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  return canonical(value) as string;
}

/**
 * The text of one value, or undefined for what JSON leaves out (undefined, functions,
 * symbols). Every object, whatever its class, is written as its own enumerable keys; a
 * `__proto__` key is left out (as a sorted copy made by assignment lost it). The text is the
 * same as `JSON.stringify` of a copy with keys sorted, byte for byte, so keys stored by
 * earlier versions still match.
 */
function canonical(value: unknown): string | undefined {
  if (typeof value === 'string') return jsonString(value);
  if (typeof value !== 'object') return JSON.stringify(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      out += canonical(value[i]) ?? 'null';
    }
    return `${out}]`;
  }
  let out = '{';
  for (const key of sortedKeys(value)) {
    if (key === '__proto__') continue;
    const text = canonical((value as Record<string, unknown>)[key]);
    if (text === undefined) continue;
    if (out.length > 1) out += ',';
    out += `${JSON.stringify(key)}:${text}`;
  }
  return `${out}}`;
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
