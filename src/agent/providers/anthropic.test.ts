import { afterEach, describe, expect, it } from 'vitest';
import type { ToolSpec } from '../model.js';
import { createProviderModel } from './index.js';
import { startMockAnthropic } from './test-support/mock-anthropic.js';
import { contractRequest as request, providerContract } from './test-support/provider-contract.js';
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

async function start(script: MockScript, stream: boolean) {
  const server = await startMockAnthropic(script);
  const model = createProviderModel('anthropic:claude-sonnet-4-5', {
    stream,
    env: { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: server.url },
  });
  return { model, server };
}

providerContract('anthropic', { key: KEY, reasoning: true, malformedWithoutStream: false, start });

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function modelFor(script: MockScript, stream: boolean) {
  const started = await start(script, stream);
  server = started.server;
  return started.model;
}

describe.each([false, true])('anthropic specifics (stream: %s)', (stream) => {
  it('captures thinking, text and tool calls together, and sends the Anthropic request shape', async () => {
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
    expect(response.usage).toMatchObject({ inputTokens: 120, outputTokens: 45 });

    const sent = server!.requests[0]!;
    expect(sent.path).toBe('/v1/messages');
    expect(sent.headers['x-api-key']).toBe(KEY);
    expect(sent.body['system']).toEqual([
      { type: 'text', text: 'You are Ada, the operations agent.' },
    ]);
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

  it('reads a 529 overload as a retryable server error', async () => {
    const model = await modelFor([reply.serverError(529)], stream);
    const error = await model.generate(request()).catch((e: unknown) => e);
    expect(error).toMatchObject({ category: 'server', retryable: true });
  });
});
