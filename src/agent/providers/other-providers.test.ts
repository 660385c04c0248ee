import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { ModelRequest } from '../model.js';
import { InputError } from '../../errors.js';
import { createProviderModel } from './index.js';
import { startMockOpenAI } from './test-support/mock-openai.js';
import type { MockServer } from './test-support/script.js';

const request: ModelRequest = {
  system: 'You are Ada.',
  messages: [{ role: 'user', content: 'Status?' }],
  settings: {},
  sample: 0,
  seed: 1,
};

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function openAIMock(script: Parameters<typeof startMockOpenAI>[0]): Promise<MockServer> {
  const server = await startMockOpenAI(script);
  closers.push(() => server.close());
  return server;
}

/** A one-route JSON server for the providers with their own wire formats (Ollama, Gemini). */
async function jsonServer(body: unknown) {
  const seen: Array<{ path: string; headers: IncomingHttpHeaders; body: Record<string, unknown> }> =
    [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      seen.push({
        path: req.url ?? '',
        headers: req.headers,
        body: JSON.parse(raw || '{}') as Record<string, unknown>,
      });
      res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'req_json_1' });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

describe('openai-compatible provider', () => {
  it.each([false, true])(
    'reads reasoning_content as reasoning (stream: %s), base URL from the id',
    async (stream) => {
      const server = await openAIMock([
        {
          kind: 'message',
          reasoning: 'Weighing the memo first.',
          text: 'All quiet.',
          usage: { input: 30, output: 12, reasoning: 5 },
        },
      ]);
      const model = createProviderModel(`openai-compatible:deepseek-r1@${server.url}`, {
        stream,
        env: {},
      });
      const response = await model.generate(request);
      expect(response.reasoning).toBe('Weighing the memo first.');
      expect(response.text).toBe('All quiet.');
      expect(response.usage).toEqual({ inputTokens: 30, outputTokens: 12, reasoningTokens: 5 });
      expect(server.requests[0]!.body['model']).toBe('deepseek-r1');
      expect(server.requests[0]!.headers.authorization).toBeUndefined();
    },
  );

  it('needs a base URL', () => {
    expect(() => createProviderModel('openai-compatible:qwen3', { env: {} })).toThrow(
      /OPENAI_COMPATIBLE_BASE_URL/,
    );
  });
});

describe('openrouter provider', () => {
  it('speaks chat completions with the OpenRouter key', async () => {
    const server = await openAIMock([{ kind: 'message', text: 'Hello from the router.' }]);
    const model = createProviderModel('openrouter:anthropic/claude-sonnet-4.5', {
      env: { OPENROUTER_API_KEY: 'sk-or-test-1234567890', OPENROUTER_BASE_URL: server.url },
    });
    const response = await model.generate(request);
    expect(response.text).toBe('Hello from the router.');
    expect(server.requests[0]!.headers.authorization).toBe('Bearer sk-or-test-1234567890');
    expect(server.requests[0]!.body['model']).toBe('anthropic/claude-sonnet-4.5');
  });
});

describe('ollama provider', () => {
  it('talks to /api/chat without a key and reads thinking', async () => {
    const server = await jsonServer({
      model: 'qwen3:8b',
      created_at: '2026-11-27T08:00:00Z',
      message: { role: 'assistant', content: 'Nothing urgent.', thinking: 'Scanning subjects.' },
      done: true,
      done_reason: 'stop',
      prompt_eval_count: 21,
      eval_count: 6,
    });
    const model = createProviderModel('ollama:qwen3:8b', { env: { OLLAMA_BASE_URL: server.url } });
    const response = await model.generate({
      ...request,
      settings: { temperature: 0.3, maxTokens: 256 },
    });
    expect(response.text).toBe('Nothing urgent.');
    expect(response.reasoning).toBe('Scanning subjects.');
    expect(response.usage).toMatchObject({ inputTokens: 21, outputTokens: 6 });
    expect(server.seen[0]!.path).toBe('/api/chat');
    expect(server.seen[0]!.body['model']).toBe('qwen3:8b');
    expect(server.seen[0]!.body['options']).toEqual({ temperature: 0.3, num_predict: 256 });
  });
});

describe('google provider', () => {
  it('calls generateContent with the key header', async () => {
    const server = await jsonServer({
      candidates: [
        {
          content: { role: 'model', parts: [{ text: 'Inbox read.' }] },
          finishReason: 'STOP',
          index: 0,
        },
      ],
      usageMetadata: { promptTokenCount: 17, candidatesTokenCount: 3, totalTokenCount: 20 },
    });
    const model = createProviderModel('google:gemini-2.5-flash', {
      env: {
        GOOGLE_GENERATIVE_AI_API_KEY: 'AIzaTestKey',
        GOOGLE_GENERATIVE_AI_BASE_URL: server.url,
      },
    });
    const response = await model.generate(request);
    expect(response.text).toBe('Inbox read.');
    expect(response.usage).toMatchObject({ inputTokens: 17, outputTokens: 3 });
    expect(server.seen[0]!.path).toBe('/models/gemini-2.5-flash:generateContent');
    expect(server.seen[0]!.headers['x-goog-api-key']).toBe('AIzaTestKey');
  });
});

describe('model ids and keys', () => {
  it('rejects an unknown provider naming the valid ones', () => {
    expect(() => createProviderModel('mistral:large', { env: {} })).toThrow(
      /unknown model provider 'mistral'; valid: openai, anthropic/,
    );
  });

  it.each([
    ['anthropic:claude-opus-4-1', 'ANTHROPIC_API_KEY'],
    ['google:gemini-2.5-pro', 'GOOGLE_GENERATIVE_AI_API_KEY'],
    ['openrouter:x-ai/grok-3', 'OPENROUTER_API_KEY'],
  ])('%s without a key names %s', (id, envVar) => {
    const error = (() => {
      try {
        createProviderModel(id, { env: {} });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toContain(envVar);
  });

  it('reads the key from a custom env var or the options', () => {
    expect(() =>
      createProviderModel('openai:gpt-4.1', {
        apiKeyEnv: 'TEAM_OPENAI_KEY',
        env: { TEAM_OPENAI_KEY: 'sk-team-123456789' },
      }),
    ).not.toThrow();
    expect(() =>
      createProviderModel('openai:gpt-4.1', { apiKey: 'sk-given-123456789', env: {} }),
    ).not.toThrow();
    expect(() =>
      createProviderModel('openai:gpt-4.1', { apiKeyEnv: 'TEAM_OPENAI_KEY', env: {} }),
    ).toThrow(/TEAM_OPENAI_KEY/);
  });
});
