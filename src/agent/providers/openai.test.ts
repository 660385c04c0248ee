import { afterEach, describe, expect, it } from 'vitest';
import type { ModelRequest, ToolSpec } from '../model.js';
import { createProviderModel } from './index.js';
import { ProviderError } from './classify-error.js';
import { startMockOpenAI } from './test-support/mock-openai.js';
import { reply, type MockScript, type MockServer } from './test-support/script.js';

const KEY = 'sk-test-openai-0123456789abcdef';
const sendEmail: ToolSpec = {
  name: 'send_email',
  description: 'Send an email',
  parameters: {
    type: 'object',
    properties: { to: { type: 'string' }, body: { type: 'string' } },
    required: ['to', 'body'],
  },
};

function request(extra: Partial<ModelRequest> = {}): ModelRequest {
  return {
    system: 'You are Ada, the operations agent.',
    messages: [{ role: 'user', content: 'Read your inbox.' }],
    settings: {},
    sample: 0,
    seed: 1,
    ...extra,
  };
}

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function modelFor(script: MockScript, options: { stream?: boolean; id?: string } = {}) {
  server = await startMockOpenAI(script);
  return createProviderModel(options.id ?? 'openai:gpt-4.1', {
    stream: options.stream,
    env: { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: server.url },
  });
}

describe.each([false, true])('openai provider (stream: %s)', (stream) => {
  it('sends the tools protocol request shape and returns tool calls, usage and request id', async () => {
    const model = await modelFor(
      [
        reply.toolCall(
          'send_email',
          { to: 'ops@lumenfield.test', body: 'Done.' },
          { usage: { input: 40, output: 9 } },
        ),
      ],
      { stream },
    );
    const response = await model.generate(request({ tools: [sendEmail] }));
    expect(response.toolCalls).toEqual([
      {
        id: expect.any(String),
        name: 'send_email',
        args: { to: 'ops@lumenfield.test', body: 'Done.' },
      },
    ]);
    expect(response.finishReason).toBe('tool-calls');
    expect(response.usage).toMatchObject({ inputTokens: 40, outputTokens: 9 });
    expect(response.requestId).toBe('req_mock_1');
    expect(JSON.stringify(response)).not.toContain(KEY);
    const sent = server!.requests[0]!;
    expect(sent.path).toBe('/v1/chat/completions');
    expect(sent.stream).toBe(stream);
    expect(sent.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(sent.body['tools']).toEqual([
      {
        type: 'function',
        function: expect.objectContaining({ name: 'send_email', parameters: sendEmail.parameters }),
      },
    ]);
    expect(sent.body['messages']).toEqual([
      { role: 'system', content: 'You are Ada, the operations agent.' },
      { role: 'user', content: 'Read your inbox.' },
    ]);
  });

  it('sends no tools for the text protocol and returns the text', async () => {
    const model = await modelFor(
      [reply.text('<tool_use:email>\nto: ops@lumenfield.test\n</tool_use:email>')],
      { stream },
    );
    const response = await model.generate(request());
    expect(response.text).toContain('<tool_use:email>');
    expect(response.toolCalls).toEqual([]);
    expect(response.finishReason).toBe('stop');
    expect(server!.requests[0]!.body['tools']).toBeUndefined();
  });

  it('records a malformed tool-call JSON as an invalid call instead of crashing', async () => {
    const model = await modelFor(
      [reply.toolCall('send_email', '{"to": "ops@lumenfield.test", "body": ')],
      { stream },
    );
    const response = await model.generate(request({ tools: [sendEmail] }));
    expect(response.toolCalls).toHaveLength(1);
    expect(response.toolCalls[0]).toMatchObject({
      name: 'send_email',
      parseError: expect.any(String),
    });
  });

  it('replays a conversation with tool results', async () => {
    const model = await modelFor([reply.text('Sent.')], { stream });
    await model.generate(
      request({
        tools: [sendEmail],
        messages: [
          { role: 'user', content: 'Read your inbox.' },
          {
            role: 'assistant',
            content: '',
            toolCalls: [{ id: 'call_a', name: 'send_email', args: { to: 'x@y.test', body: 'hi' } }],
          },
          {
            role: 'tool',
            toolCallId: 'call_a',
            toolName: 'send_email',
            content: 'queued',
            isError: false,
          },
        ],
      }),
    );
    const messages = server!.requests[0]!.body['messages'] as Array<Record<string, unknown>>;
    expect(messages.map((m) => m['role'])).toEqual(['system', 'user', 'assistant', 'tool']);
    expect(messages[3]).toMatchObject({ role: 'tool', tool_call_id: 'call_a', content: 'queued' });
  });

  it('classifies faults without leaking the key', async () => {
    const model = await modelFor(
      [
        reply.rateLimit(3),
        reply.serverError(503),
        reply.status(401, `bad key ${KEY}`),
        reply.garbage(),
        reply.empty(),
      ],
      { stream },
    );
    const categories: Array<[string, number | undefined]> = [];
    for (let i = 0; i < 5; i += 1) {
      const error = await model.generate(request()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProviderError);
      const e = error as ProviderError;
      expect(e.message).not.toContain(KEY);
      expect(JSON.stringify(e)).not.toContain(KEY);
      categories.push([e.category, e.retryAfterMs]);
    }
    expect(categories).toEqual([
      ['rate-limit', 3000],
      ['server', undefined],
      ['auth', undefined],
      ['invalid-response', undefined],
      ['invalid-response', undefined],
    ]);
  });
});

describe('openai quirks', () => {
  it('drops temperature for reasoning models and sends reasoning effort', async () => {
    const model = await modelFor([reply.text('ok')], { id: 'openai:o3' });
    await model.generate(
      request({ settings: { temperature: 0.7, reasoningBudget: 4000, maxTokens: 500 } }),
    );
    const body = server!.requests[0]!.body;
    expect(body['temperature']).toBeUndefined();
    expect(body['reasoning_effort']).toBe('medium');
    expect(body['max_completion_tokens']).toBe(500);
  });

  it('keeps temperature for chat models', async () => {
    const model = await modelFor([reply.text('ok')]);
    await model.generate(request({ settings: { temperature: 0.7 } }));
    expect(server!.requests[0]!.body['temperature']).toBe(0.7);
  });

  it('names the env var when the key is missing', () => {
    expect(() => createProviderModel('openai:gpt-4.1', { env: {} })).toThrow(/OPENAI_API_KEY/);
  });
});

describe.each([false, true])('openai transport faults (stream: %s)', (stream) => {
  it('a connection cut mid-response is a retryable network error', async () => {
    const model = await modelFor([reply.cut()], { stream });
    const error = (await model.generate(request()).catch((e: unknown) => e)) as ProviderError;
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.category).toBe('network');
    expect(error.retryable).toBe(true);
  });

  it('a reply slower than the timeout ends in a timeout', async () => {
    server = await startMockOpenAI([reply.text('too late')], { latencyMs: 2000 });
    const model = createProviderModel('openai:gpt-4.1', {
      stream,
      env: { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: server.url },
    });
    const error = (await model
      .generate(request(), AbortSignal.timeout(50))
      .catch((e: unknown) => e)) as ProviderError;
    expect([error.category, error.retryable]).toEqual(['timeout', true]);
  });

  it('a server that never answers ends in a timeout when the signal fires', async () => {
    const model = await modelFor([reply.hang()], { stream });
    const error = (await model
      .generate(request(), AbortSignal.timeout(50))
      .catch((e: unknown) => e)) as ProviderError;
    expect(error.category).toBe('timeout');
    expect(error.retryable).toBe(true);
  });
});
