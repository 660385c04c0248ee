import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { ModelRequest } from '../agent/model.js';
import { createProviderModel } from '../agent/providers/index.js';
import { startMockOpenAI } from '../agent/providers/test-support/mock-openai.js';
import { reply, type MockServer } from '../agent/providers/test-support/script.js';
import { cacheKey, createResponseCache, withCache } from './response-cache.js';

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
