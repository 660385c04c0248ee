import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { getEventListeners } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentModel, ModelRequest } from '../model.js';
import { aiSdkModel } from './ai-sdk-model.js';
import { ProviderError } from './classify-error.js';
import { parseModelId } from './model-id.js';
import { bodyBytes, openAICompatibleChat, requestBytes } from './openai-compatible-chat.js';
import { contractRequest, contractTool } from './test-support/provider-contract.js';
import { startMockOpenAI } from './test-support/mock-openai.js';
import { reply, type MockReply, type MockServer } from './test-support/script.js';

const KEY = 'local-key-5a1e';
const servers: MockServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

/** The same scripted server behind both paths: the AI SDK's and the lean one. */
async function bothPaths(script: MockReply[]) {
  const sdkServer = await startMockOpenAI(script);
  const leanServer = await startMockOpenAI(script);
  servers.push(sdkServer, leanServer);
  const sdkId = `openai-compatible:qwen3@${sdkServer.url}`;
  const leanId = `openai-compatible:qwen3@${leanServer.url}`;
  const sdk = aiSdkModel(
    sdkId,
    parseModelId(sdkId),
    createOpenAICompatible({
      name: 'openai-compatible',
      baseURL: sdkServer.url,
      apiKey: KEY,
      includeUsage: true,
    }).chatModel('qwen3'),
    { settings: { temperature: 0.7 }, secrets: [KEY] },
  );
  const lean = openAICompatibleChat(leanId, parseModelId(leanId), {
    baseURL: leanServer.url,
    apiKey: KEY,
    settings: { temperature: 0.7 },
    secrets: [KEY],
  });
  return { sdk, lean, sdkServer, leanServer };
}

const outcome = (model: AgentModel, request: ModelRequest) =>
  model.generate(request).then(
    ({ latencyMs: _latency, ...response }) => ({ ok: response }),
    (error: unknown) => {
      const e = error as ProviderError;
      return { failed: [e.name, e.category, e.retryable, e.retryAfterMs, e.status] };
    },
  );

const history: ModelRequest['messages'] = [
  { role: 'user', content: 'Read your inbox.' },
  {
    role: 'assistant',
    content: 'Reading.',
    toolCalls: [{ id: 'call_1', name: 'send_email', args: { to: 'a@b.test', body: 'Hi' } }],
  },
  { role: 'tool', toolCallId: 'call_1', toolName: 'send_email', content: 'sent', isError: false },
  {
    role: 'assistant',
    content: '',
    toolCalls: [{ id: 'call_2', name: 'send_email', args: '{"to": ' }],
  },
  { role: 'tool', toolCallId: 'call_2', toolName: 'send_email', content: 'bad', isError: true },
  { role: 'assistant', content: 'Done.' },
  { role: 'user', content: 'Anything else?' },
];

const cases: Array<[string, MockReply, Partial<ModelRequest>]> = [
  ['a text reply', reply.text('Summary sent.', { usage: { input: 40, output: 9 } }), {}],
  [
    'reasoning and reasoning tokens',
    {
      kind: 'message',
      reasoning: 'Weigh it.',
      text: 'Ok.',
      usage: { input: 3, output: 5, reasoning: 2 },
    },
    {},
  ],
  [
    'a tool call',
    reply.toolCall('send_email', { to: 'x@y.test', body: 'b' }),
    { tools: [contractTool] },
  ],
  ['malformed tool JSON', reply.toolCall('send_email', '{"to": "x'), { tools: [contractTool] }],
  ['an unknown tool', reply.toolCall('wire_money', { amount: 5 }), { tools: [contractTool] }],
  ['empty tool arguments', reply.toolCall('send_email', ''), { tools: [contractTool] }],
  ['a length stop', reply.text('Cut sh', { stopReason: 'length' }), {}],
  ['an unknown stop reason', reply.text('Hm.', { stopReason: 'eos' }), {}],
  ['a tool-use history', reply.text('No.'), { messages: history, tools: [contractTool] }],
  ['an empty reply', reply.empty(), {}],
  ['429 with Retry-After', reply.rateLimit(2), {}],
  ['500', reply.serverError(500), {}],
  ['401', reply.status(401, `bad key ${KEY}`), {}],
  ['400', reply.status(400, 'too long'), {}],
  ['garbage', reply.garbage(), {}],
  ['a cut connection', reply.cut(), {}],
  ['a truncated body', reply.truncate(), {}],
];

describe('lean OpenAI-compatible chat = the AI SDK path', () => {
  it.each(cases)('%s: same request body, same response or error', async (_label, fault, extra) => {
    const { sdk, lean, sdkServer, leanServer } = await bothPaths([fault]);
    const request = contractRequest(extra);
    const [viaSdk, viaLean] = await Promise.all([outcome(sdk, request), outcome(lean, request)]);
    expect(viaLean).toEqual(viaSdk);
    expect(JSON.stringify(leanServer.requests[0]!.body)).toBe(
      JSON.stringify(sdkServer.requests[0]!.body),
    );
    expect(leanServer.requests[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('an error message never carries the key', async () => {
    const { lean } = await bothPaths([reply.status(401, `bad key ${KEY}`)]);
    const error = (await lean.generate(contractRequest()).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.message).toContain('HTTP 401');
    expect(error.message).not.toContain(KEY);
  });
});

describe('lean OpenAI-compatible chat: request bytes', () => {
  it('encodes a body as UTF-8 once, shared by the next call with the same text', () => {
    const text = JSON.stringify({ messages: [{ role: 'user', content: 'Grüße, ünïcödé ✓' }] });
    const first = bodyBytes(text);
    expect(first.toString('utf8')).toBe(text);
    expect(bodyBytes(`${text}`)).toBe(first);
    const other = bodyBytes(text.replace('Grüße', 'Hallo'));
    expect(other).not.toBe(first);
    expect(other.toString('utf8')).toBe(text.replace('Grüße', 'Hallo'));
  });
});

describe('lean OpenAI-compatible chat: request bodies', () => {
  const inbox = 'Quarterly numbers, caf\u00e9 "q" \u2028. '.repeat(400);
  const body = (overrides: Record<string, unknown> = {}) => ({
    model: 'qwen3',
    max_tokens: 1000,
    temperature: 0.7,
    messages: [
      { role: 'system', content: 'You are Ada.' },
      { role: 'user', content: [...inbox].join('') }, // an equal copy, not the same string
    ],
    tools: undefined,
    ...overrides,
  });

  it('sends the same bytes for an equal body, and the body’s own JSON for any other', () => {
    const first = requestBytes(body());
    expect(first.toString('utf8')).toBe(JSON.stringify(body()));
    expect(requestBytes(body())).toBe(first);
    const others = [
      body({ temperature: 0.8 }),
      body({ tools: [{ type: 'function', function: { name: 'send_email' } }] }),
      { temperature: 0.7, model: 'qwen3', max_tokens: 1000, messages: body().messages },
      body({ messages: [...body().messages, { role: 'assistant', content: 'Reading.' }] }),
      body({ messages: [body().messages[0], { role: 'user', content: `${inbox.slice(1)}!` }] }),
    ];
    for (const other of others) {
      const bytes = requestBytes(other);
      expect(bytes.toString('utf8')).toBe(JSON.stringify(other));
      expect(requestBytes(body()).toString('utf8')).toBe(JSON.stringify(body()));
    }
  });
});

describe('lean OpenAI-compatible chat: connections', () => {
  it('a lane that calls again right after its answer reuses its connection', async () => {
    const lanes = 16;
    const server = await startMockOpenAI(() => reply.text('Ok.'), { latencyMs: 30 });
    servers.push(server);
    const id = `openai-compatible:qwen3@${server.url}`;
    const model = openAICompatibleChat(id, parseModelId(id), { baseURL: server.url });
    // Each lane sends its next call as soon as its answer is read, as the run's lanes do.
    await Promise.all(
      Array.from({ length: lanes }, async () => {
        for (let call = 0; call < 3; call++) await model.generate(contractRequest());
      }),
    );
    expect(server.requests).toHaveLength(lanes * 3);
    expect(server.connections()).toBeLessThanOrEqual(lanes);
  });
});

describe('lean OpenAI-compatible chat: a signal shared by calls in flight', () => {
  it('puts one listener on the shared signal however many calls wait, and aborting it ends them all', async () => {
    const calls = 24;
    let arrived = 0;
    const server = await startMockOpenAI(() => {
      arrived++;
      return reply.hang();
    }, {});
    servers.push(server);
    const id = `openai-compatible:qwen3@${server.url}`;
    const model = openAICompatibleChat(id, parseModelId(id), { baseURL: server.url });
    const run = new AbortController();
    const outcomes = Array.from({ length: calls }, () =>
      model.generate(contractRequest(), run.signal).then(
        () => 'answered',
        (error: unknown) => (error as ProviderError).name,
      ),
    );
    while (arrived < calls) await new Promise((resolve) => setTimeout(resolve, 5));
    // One per call was a walk over all the others' on every add and remove.
    expect(getEventListeners(run.signal, 'abort')).toHaveLength(1);
    run.abort(new Error('run cancelled'));
    expect(await Promise.all(outcomes)).toEqual(Array(calls).fill('ProviderError'));
    // A call on the signal once it has aborted fails at once, as before.
    await expect(model.generate(contractRequest(), run.signal)).rejects.toThrow(ProviderError);
  });
});

describe('lean OpenAI-compatible chat: an error without a body', () => {
  it("names the status's reason phrase, as node:http would", async () => {
    const { createServer } = await import('node:http');
    const server = createServer((_req, res) => {
      res.writeHead(503);
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const id = `openai-compatible:qwen3@http://127.0.0.1:${port}/v1`;
      const lean = openAICompatibleChat(id, parseModelId(id), {
        baseURL: `http://127.0.0.1:${port}/v1`,
        apiKey: KEY,
        secrets: [KEY],
      });
      const error = (await lean.generate(contractRequest()).catch((e: unknown) => e)) as Error;
      expect(error).toBeInstanceOf(ProviderError);
      expect(error.message).toContain('Service Unavailable');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
