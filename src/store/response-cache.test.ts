import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { ModelRequest } from '../agent/model.js';
import { createProviderModel } from '../agent/providers/index.js';
import { startMockOpenAI } from '../agent/providers/test-support/mock-openai.js';
import { reply, type MockServer } from '../agent/providers/test-support/script.js';
import { cacheKey, canonicalJson, createResponseCache, withCache } from './response-cache.js';

const KEY = 'sk-test-cache-0123456789';
const request: ModelRequest = {
  system: 'You are Ada.',
  messages: [{ role: 'user', content: 'Inbox?' }],
  settings: { temperature: 1 },
  sample: 0,
  seed: 1,
};
const parts = {
  provider: 'openai',
  model: 'gpt-4.1',
  baseURL: 'http://x',
  system: 's',
  messages: [],
  settings: {},
  sample: 0,
};

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
});

describe('response cache', () => {
  it('a second pass returns identical responses and the server sees no requests', async () => {
    server = await startMockOpenAI([
      {
        kind: 'message',
        text: 'First answer.',
        toolCalls: [{ name: 'send_email', args: { to: 'a@b.test' } }],
      },
      reply.text('Second answer.'),
    ]);
    const db = new Database(':memory:');
    const cache = createResponseCache(db);
    const raw = createProviderModel('openai:gpt-4.1', {
      env: { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: server.url },
    });
    const model = withCache(raw, cache, {
      provider: 'openai',
      model: 'gpt-4.1',
      baseURL: server.url,
    });

    const first = [await model.generate(request), await model.generate({ ...request, sample: 1 })];
    expect(server.requests).toHaveLength(2);
    server.requests.length = 0;
    const second = [await model.generate(request), await model.generate({ ...request, sample: 1 })];
    // The same replies, marked as served from the cache.
    expect(second).toEqual(first.map((r) => ({ ...r, cached: true })));
    expect(server.requests).toHaveLength(0);
    expect(cache.size()).toBe(2);

    const stored = db.prepare('SELECT key, response FROM response_cache').all();
    expect(JSON.stringify(stored)).not.toContain(KEY);
  });

  it('--no-cache calls the model again', async () => {
    server = await startMockOpenAI([reply.text('fresh')]);
    const cache = createResponseCache(new Database(':memory:'));
    const raw = createProviderModel('openai:gpt-4.1', {
      env: { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: server.url },
    });
    await withCache(raw, cache, { provider: 'openai', model: 'gpt-4.1' }).generate(request);
    await withCache(
      raw,
      cache,
      { provider: 'openai', model: 'gpt-4.1' },
      { bypass: true },
    ).generate(request);
    expect(server.requests).toHaveLength(2);
  });

  it('failed calls are not cached', async () => {
    server = await startMockOpenAI([reply.serverError(500), reply.text('ok')]);
    const cache = createResponseCache(new Database(':memory:'));
    const raw = createProviderModel('openai:gpt-4.1', {
      env: { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: server.url },
    });
    const model = withCache(raw, cache, { provider: 'openai', model: 'gpt-4.1' });
    await expect(model.generate(request)).rejects.toThrow();
    expect((await model.generate(request)).text).toBe('ok');
  });
});

describe('cacheKey', () => {
  it('ignores key order and the timeout, but not the content', () => {
    const a = cacheKey({ ...parts, settings: { temperature: 1, maxTokens: 10 } });
    const b = cacheKey({ ...parts, settings: { maxTokens: 10, temperature: 1, timeoutMs: 5 } });
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(cacheKey({ ...parts, sample: 1 })).not.toBe(cacheKey(parts));
    expect(cacheKey({ ...parts, seed: 2 })).not.toBe(cacheKey({ ...parts, seed: 1 }));
    expect(cacheKey({ ...parts, baseURL: 'http://y' })).not.toBe(cacheKey(parts));
    expect(cacheKey({ ...parts, system: 't' })).not.toBe(cacheKey(parts));
  });
});

describe('cacheKey: the kept hash of the first keys', () => {
  /** The key from scratch: sha256 of the whole canonical JSON. */
  const fromScratch = (p: Parameters<typeof cacheKey>[0]) => {
    const { timeoutMs: _t, ...settings } = p.settings;
    return createHash('sha256')
      .update(canonicalJson({ ...p, settings, tools: p.tools ?? [] }))
      .digest('hex');
  };
  const inbox = (n: number) =>
    `<email id="m${n}">${'Quarterly numbers, caf\u00e9. '.repeat(60)}</email>`;

  it('gives every sample, model and prompt its own whole-text key, however they interleave', () => {
    const keys = new Set<string>();
    // Two models, 20 prompts of the same length (the same short text around them) and
    // samples in between: more first keys than are kept, and heads that look alike.
    for (let round = 0; round < 2; round++)
      for (let prompt = 0; prompt < 20; prompt++)
        for (const model of ['qwen3', 'llama']) {
          const p = {
            provider: 'openai-compatible',
            model,
            baseURL: 'http://127.0.0.1:9/v1',
            system: `Rules. ${'Be useful. '.repeat(120)}`,
            messages: [
              { role: 'user' as const, content: inbox(prompt % 10) + (prompt >= 10 ? '!' : '?') },
            ],
            settings: { temperature: 1, timeoutMs: 5 },
            sample: round,
            seed: 7,
          };
          const key = cacheKey(p);
          expect(key).toBe(fromScratch(p));
          // An equal copy of the long prompt (another string object) gives the same key.
          const copy = {
            ...p,
            messages: [{ role: 'user' as const, content: [...p.messages[0]!.content].join('') }],
          };
          expect(cacheKey(copy)).toBe(key);
          keys.add(key);
        }
    expect(keys.size).toBe(2 * 20 * 2);
  });
});

describe('canonicalJson', () => {
  /** What it must equal byte for byte: JSON.stringify of a copy with keys sorted. */
  const viaSortedCopy = (value: unknown): string => {
    const sort = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.map(sort);
      if (v && typeof v === 'object') {
        const out: Record<string, unknown> = {};
        for (const key of Object.keys(v).sort()) {
          const x = (v as Record<string, unknown>)[key];
          if (x !== undefined) out[key] = sort(x);
        }
        return out;
      }
      return v;
    };
    return JSON.stringify(sort(value));
  };

  it.each([
    ['primitives', [null, 1, -0, 'x "quoted" \u2028 é', true, NaN, Infinity]],
    ['holes JSON leaves out', [undefined, () => 1, Symbol('s')]],
    ['nested objects', { b: undefined, a: { d: [1, { z: 1, y: null }], c: new Date(0) }, f() {} }],
    ['integer keys', { é: 1, e: 2, E: 3, '10': 1, '9': 2, '4294967296': 0, '007': 1 }],
    ['a __proto__ key', JSON.parse('{"__proto__": {"x": 1}, "a": 1}')],
    ['empty things', [[], {}, [[[]]], '']],
  ])('%s: the same text as JSON.stringify of a sorted copy', (_label, value) => {
    expect(canonicalJson(value)).toBe(viaSortedCopy(value));
  });

  it('keeps the cache keys earlier versions stored (a rerun still pays nothing)', () => {
    const key = cacheKey({
      provider: 'openai-compatible',
      model: 'qwen3',
      baseURL: 'http://127.0.0.1:9/v1',
      system: 'You are Ada, Corvane\'s assistant. "quoted" \u2028 é',
      messages: [
        { role: 'user', content: 'Read the inbox.\n<email>' },
        {
          role: 'assistant',
          content: '',
          toolCalls: [
            { id: 'c1', name: 'send_email', args: { to: ['a@b.test'], body: 'x', z: undefined } },
          ],
        },
      ],
      tools: [
        {
          name: 'send_email',
          description: 'Send',
          parameters: { type: 'object', properties: { to: { type: 'array' } }, required: ['to'] },
        },
      ],
      settings: { temperature: 0.7, maxTokens: 1000, timeoutMs: 5 },
      sample: 3,
      seed: 42,
    });
    // Computed by the previous implementation (a sorted copy, then JSON.stringify).
    expect(key).toBe('54eed623ed7313a95e3c9a4a6369bb9cdb84902bd94ad45372baea165345c7a0');
  });

  it('gives long prompts the key of their whole canonical text, as earlier versions did', () => {
    const inbox = Array.from(
      { length: 80 },
      (_, i) =>
        `<email id="m${i}">\nFrom: "Dana" <d@corvane.example>\tcaf\u00e9 \u{1F600} \u2028\n</email>\n`,
    ).join('');
    const parts = {
      provider: 'openai-compatible',
      model: 'qwen3',
      system: `You are Ada. ${'Rules. '.repeat(300)}`,
      messages: [
        { role: 'user' as const, content: inbox },
        { role: 'assistant' as const, content: inbox.slice(0, 2000) },
      ],
      settings: { temperature: 1 },
      sample: 0,
      seed: 7,
    };
    // The previous implementation: a copy with sorted keys, JSON.stringify, sha256.
    const sorted = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(sorted)
        : value && typeof value === 'object'
          ? Object.fromEntries(
              Object.keys(value)
                .sort()
                .map((k) => [k, sorted((value as Record<string, unknown>)[k])]),
            )
          : value;
    const expected = createHash('sha256')
      .update(JSON.stringify(sorted({ ...parts, tools: [] })))
      .digest('hex');
    expect(cacheKey(parts)).toBe(expected);
    // An equal copy of a long string (not the remembered object) gives the same key.
    expect(cacheKey({ ...parts, system: [...parts.system].join('') })).toBe(expected);
    expect(cacheKey(parts)).toBe(expected); // and again, from the remembered texts
    expect(cacheKey({ ...parts, seed: 8 })).not.toBe(expected);
  });
});
