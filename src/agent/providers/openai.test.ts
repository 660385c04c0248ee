import { afterEach, describe, expect, it } from 'vitest';
import { createProviderModel } from './index.js';
import { ProviderError } from './classify-error.js';
import { startMockOpenAI } from './test-support/mock-openai.js';
import {
  contractRequest as request,
  contractTool as sendEmail,
  providerContract,
} from './test-support/provider-contract.js';
import { reply, type MockScript, type MockServer } from './test-support/script.js';

const KEY = 'sk-test-openai-0123456789abcdef';

providerContract('openai', {
  key: KEY,
  reasoning: false, // OpenAI's chat completions return no reasoning text
  malformedWithoutStream: true,
  async start(script, stream) {
    const server = await startMockOpenAI(script);
    const model = createProviderModel('openai:gpt-4.1', {
      stream,
      env: { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: server.url },
    });
    return { model, server };
  },
});

// A local server's key need not look like OpenAI's: the key itself must be redacted, not
// only the `sk-` shape.
const LOCAL_KEY = 'vllm-local-2f9c41d07e';

providerContract('openai-compatible', {
  key: LOCAL_KEY,
  reasoning: true, // reasoning_content, as DeepSeek-R1 and vLLM servers send it
  malformedWithoutStream: true,
  async start(script, stream) {
    const server = await startMockOpenAI(script);
    const model = createProviderModel(`openai-compatible:deepseek-r1@${server.url}`, {
      stream,
      env: { OPENAI_COMPATIBLE_API_KEY: LOCAL_KEY },
    });
    return { model, server };
  },
});

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

describe.each([false, true])('openai request shape (stream: %s)', (stream) => {
  it('sends the key, the system prompt and the tools as functions', async () => {
    const model = await modelFor([reply.toolCall('send_email', { to: 'a@b.test', body: 'x' })], {
      stream,
    });
    await model.generate(request({ tools: [sendEmail] }));
    const sent = server!.requests[0]!;
    expect(sent.path).toBe('/v1/chat/completions');
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

  it('replays a conversation with tool calls and their results', async () => {
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
    expect(messages[2]).toMatchObject({
      tool_calls: [{ id: 'call_a', function: { name: 'send_email' } }],
    });
    expect(messages[3]).toMatchObject({ role: 'tool', tool_call_id: 'call_a', content: 'queued' });
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
