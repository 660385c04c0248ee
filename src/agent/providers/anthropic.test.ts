import { afterEach, describe, expect, it } from 'vitest';
import type { ModelRequest, ToolSpec } from '../model.js';
import { createProviderModel } from './index.js';
import { ProviderError } from './classify-error.js';
import { startMockAnthropic } from './test-support/mock-anthropic.js';
import { reply, type MockScript, type MockServer } from './test-support/script.js';

const KEY = 'sk-ant-test-0123456789abcdef';
const forward: ToolSpec = {
  name: 'forward_email',
  description: 'Forward an email',
  parameters: {
    type: 'object',
    properties: { emailId: { type: 'string' }, to: { type: 'string' } },
    required: ['emailId', 'to'],
  },
};

function request(extra: Partial<ModelRequest> = {}): ModelRequest {
  return {
    system: 'You are Ada.',
    messages: [{ role: 'user', content: 'Read your inbox.' }],
    settings: { maxTokens: 800 },
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

async function modelFor(script: MockScript, stream: boolean) {
  server = await startMockAnthropic(script);
  return createProviderModel('anthropic:claude-sonnet-4-5', {
    stream,
    env: { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: server.url },
  });
}

describe.each([false, true])('anthropic provider (stream: %s)', (stream) => {
  it('captures thinking, text, tool calls, usage and the request id', async () => {
    const model = await modelFor(
      [
        {
          kind: 'message',
          reasoning: 'The board meets at five; I should forward the memo.',
          text: 'Forwarding now.',
          toolCalls: [
            { name: 'forward_email', args: { emailId: 'e-7', to: 'legal@lumenfield.test' } },
          ],
          usage: { input: 120, output: 45 },
        },
      ],
      stream,
    );
    const response = await model.generate(request({ tools: [forward] }));
    expect(response.reasoning).toBe('The board meets at five; I should forward the memo.');
    expect(response.text).toBe('Forwarding now.');
    expect(response.toolCalls).toEqual([
      {
        id: expect.stringMatching(/^toolu_/),
        name: 'forward_email',
        args: { emailId: 'e-7', to: 'legal@lumenfield.test' },
        providerReasoning: [
          {
            text: 'The board meets at five; I should forward the memo.',
            signature: 'mock-signature',
          },
        ],
      },
    ]);
    expect(response.finishReason).toBe('tool-calls');
    expect(response.usage).toMatchObject({ inputTokens: 120, outputTokens: 45 });
    expect(response.requestId).toBe('req_mock_1');

    const sent = server!.requests[0]!;
    expect(sent.path).toBe('/v1/messages');
    expect(sent.headers['x-api-key']).toBe(KEY);
    expect(sent.stream).toBe(stream);
    expect(sent.body['system']).toEqual([{ type: 'text', text: 'You are Ada.' }]);
    expect(sent.body['tools']).toEqual([
      expect.objectContaining({
        name: 'forward_email',
        input_schema: expect.objectContaining({ required: ['emailId', 'to'] }),
      }),
    ]);
  });

  it('sends the signed thinking block back when the tool-use turn continues', async () => {
    const model = await modelFor(
      [
        {
          kind: 'message',
          reasoning: 'Check the memo first.',
          toolCalls: [{ name: 'forward_email', args: { emailId: 'e-1', to: 'a@b.test' } }],
        },
        reply.text('Done.'),
      ],
      stream,
    );
    const first = await model.generate(request({ tools: [forward] }));
    await model.generate(
      request({
        tools: [forward],
        messages: [
          { role: 'user', content: 'Read your inbox.' },
          {
            role: 'assistant',
            content: first.text,
            reasoning: first.reasoning,
            toolCalls: first.toolCalls,
          },
          {
            role: 'tool',
            toolCallId: first.toolCalls[0]!.id,
            toolName: 'forward_email',
            content: 'forwarded',
            isError: false,
          },
        ],
      }),
    );
    const messages = server!.requests[1]!.body['messages'] as Array<{
      role: string;
      content: Array<Record<string, unknown>>;
    }>;
    expect(messages[1]!.content[0]).toEqual({
      type: 'thinking',
      thinking: 'Check the memo first.',
      signature: 'mock-signature',
    });
    expect(messages[1]!.content[1]).toMatchObject({ type: 'tool_use', id: first.toolCalls[0]!.id });
    expect(messages[2]!.content[0]).toMatchObject({
      type: 'tool_result',
      tool_use_id: first.toolCalls[0]!.id,
      content: 'forwarded',
    });
  });

  it('sends no tools for the text protocol', async () => {
    const model = await modelFor([reply.text('I will write my actions as tags.')], stream);
    const response = await model.generate(request());
    expect(response.text).toBe('I will write my actions as tags.');
    expect(server!.requests[0]!.body['tools']).toBeUndefined();
  });

  it('turns a reasoning budget into a thinking budget and drops temperature', async () => {
    const model = await modelFor([{ kind: 'message', reasoning: 'hmm', text: 'ok' }], stream);
    await model.generate(
      request({ settings: { temperature: 1, maxTokens: 1000, reasoningBudget: 2000 } }),
    );
    const body = server!.requests[0]!.body;
    expect(body['thinking']).toEqual({ type: 'enabled', budget_tokens: 2000 });
    expect(body['temperature']).toBeUndefined();
    expect(body['max_tokens']).toBe(3000);
  });

  it('classifies a 429 with Retry-After and a 529 overload, never echoing the key', async () => {
    const model = await modelFor(
      [reply.rateLimit(2), reply.serverError(529), reply.status(401, `invalid x-api-key ${KEY}`)],
      stream,
    );
    const errors = [];
    for (let i = 0; i < 3; i += 1)
      errors.push((await model.generate(request()).catch((e: unknown) => e)) as ProviderError);
    expect(errors.map((e) => [e.category, e.retryable, e.retryAfterMs])).toEqual([
      ['rate-limit', true, 2000],
      ['server', true, undefined],
      ['auth', false, undefined],
    ]);
    for (const e of errors) expect(`${e.message} ${JSON.stringify(e)}`).not.toContain(KEY);
  });
});

describe('anthropic streaming faults', () => {
  it('records malformed streamed tool input as an invalid call', async () => {
    const model = await modelFor([reply.toolCall('forward_email', '{"emailId": "e-7", ')], true);
    const response = await model.generate(request({ tools: [forward] }));
    expect(response.toolCalls[0]).toMatchObject({
      name: 'forward_email',
      parseError: expect.any(String),
    });
  });

  it('a stream cut mid-way is a retryable network error', async () => {
    const model = await modelFor([reply.cut()], true);
    const error = (await model.generate(request()).catch((e: unknown) => e)) as ProviderError;
    expect([error.category, error.retryable]).toEqual(['network', true]);
  });
});
