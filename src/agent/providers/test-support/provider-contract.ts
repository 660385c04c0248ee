/**
 * The behaviour every provider owes the agent loop, as one shared suite: run it against a
 * mock server speaking that provider's wire protocol, streaming and not.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentModel, ModelRequest, ToolSpec } from '../../model.js';
import { ProviderError } from '../classify-error.js';
import { reply, type MockScript, type MockServer } from './script.js';

export interface ContractSetup {
  /** Starts the mock with `script` and returns a model pointed at it. */
  start(script: MockScript, stream: boolean): Promise<{ model: AgentModel; server: MockServer }>;
  /** The API key the model was given, which must never come back. */
  key: string;
  /** Whether the provider surfaces reasoning text from this wire format. */
  reasoning: boolean;
  /** Whether malformed tool-call JSON can occur without streaming (not on Anthropic's wire). */
  malformedWithoutStream: boolean;
}

export const contractTool: ToolSpec = {
  name: 'send_email',
  description: 'Send an email',
  parameters: {
    type: 'object',
    properties: { to: { type: 'string' }, body: { type: 'string' } },
    required: ['to', 'body'],
  },
};

export function contractRequest(extra: Partial<ModelRequest> = {}): ModelRequest {
  return {
    system: 'You are Ada, the operations agent.',
    messages: [{ role: 'user', content: 'Read your inbox.' }],
    settings: { maxTokens: 800 },
    sample: 0,
    seed: 1,
    ...extra,
  };
}

/** Registers the contract suite for one provider. */
export function providerContract(name: string, setup: ContractSetup): void {
  describe.each([false, true])(`${name} provider contract (stream: %s)`, (stream) => {
    let server: MockServer | undefined;
    afterEach(async () => {
      await server?.close();
      server = undefined;
    });
    async function modelFor(script: MockScript): Promise<AgentModel> {
      const started = await setup.start(script, stream);
      server = started.server;
      return started.model;
    }
    async function failure(model: AgentModel, signal?: AbortSignal): Promise<ProviderError> {
      const error = await model.generate(contractRequest(), signal).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProviderError);
      expect(`${(error as Error).message} ${JSON.stringify(error)}`).not.toContain(setup.key);
      return error as ProviderError;
    }

    it('text protocol: no tools sent, the text, finish reason, usage and request id back', async () => {
      const model = await modelFor([
        reply.text('<tool_use:email>\nto: ops@lumenfield.test\n</tool_use:email>', {
          usage: { input: 40, output: 9 },
        }),
      ]);
      const response = await model.generate(contractRequest());
      expect(response.text).toContain('<tool_use:email>');
      expect(response).toMatchObject({
        toolCalls: [],
        finishReason: 'stop',
        requestId: 'req_mock_1',
      });
      expect(response.usage).toMatchObject({ inputTokens: 40, outputTokens: 9 });
      expect(JSON.stringify(response)).not.toContain(setup.key);
      expect(server!.requests[0]!.body['tools']).toBeUndefined();
      expect(server!.requests[0]!.stream).toBe(stream);
    });

    it('tools protocol: tools sent, tool calls parsed', async () => {
      const model = await modelFor([
        reply.toolCall('send_email', { to: 'ops@lumenfield.test', body: 'Done.' }),
      ]);
      const response = await model.generate(contractRequest({ tools: [contractTool] }));
      expect(response.toolCalls).toEqual([
        {
          id: expect.any(String),
          name: 'send_email',
          args: { to: 'ops@lumenfield.test', body: 'Done.' },
        },
      ]);
      expect(response.finishReason).toBe('tool-calls');
      expect(JSON.stringify(server!.requests[0]!.body['tools'])).toContain('send_email');
    });

    it.runIf(setup.reasoning)('captures the model’s reasoning', async () => {
      const model = await modelFor([
        { kind: 'message', reasoning: 'The memo changes things.', text: 'Noted.' },
      ]);
      expect((await model.generate(contractRequest())).reasoning).toBe('The memo changes things.');
    });

    it.runIf(stream || setup.malformedWithoutStream)(
      'records malformed tool-call JSON as an invalid call',
      async () => {
        const model = await modelFor([
          reply.toolCall('send_email', '{"to": "ops@lumenfield.test", "body": '),
        ]);
        const response = await model.generate(contractRequest({ tools: [contractTool] }));
        expect(response.toolCalls).toEqual([
          expect.objectContaining({ name: 'send_email', parseError: expect.any(String) }),
        ]);
      },
    );

    it.each([
      ['429 with Retry-After', reply.rateLimit(3), 'rate-limit', true, 3000],
      ['503', reply.serverError(503), 'server', true, undefined],
      ['401', reply.status(401, `invalid key ${setup.key}`), 'auth', false, undefined],
      ['400', reply.status(400, 'max_tokens too large'), 'bad-request', false, undefined],
      ['garbage', reply.garbage(), 'invalid-response', true, undefined],
      ['an empty reply', reply.empty(), 'invalid-response', true, undefined],
      ['a cut connection', reply.cut(), 'network', true, undefined],
      ['a response that ends early', reply.truncate(), 'network', true, undefined],
    ] as const)('classifies %s', async (_label, fault, category, retryable, retryAfterMs) => {
      const error = await failure(await modelFor([fault]));
      expect([error.category, error.retryable, error.retryAfterMs]).toEqual([
        category,
        retryable,
        retryAfterMs,
      ]);
    });

    it('a server that never answers is a timeout when the signal fires', async () => {
      const error = await failure(await modelFor([reply.hang()]), AbortSignal.timeout(50));
      expect([error.category, error.retryable]).toEqual(['timeout', true]);
    });
  });
}
