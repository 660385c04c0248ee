import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { afterEach, describe, expect, it } from 'vitest';
import { aiSdkModel } from '../ai-sdk-model.js';
import { ProviderError } from '../classify-error.js';
import { parseModelId } from '../model-id.js';
import { openAICompatibleChat } from '../openai-compatible-chat.js';
import { contractRequest } from './provider-contract.js';
import { startStandInOpenAI, type StandInServer } from './stand-in-openai.js';

const servers: StandInServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function standIn(options: Parameters<typeof startStandInOpenAI>[0]) {
  const server = await startStandInOpenAI(options);
  servers.push(server);
  const id = `openai-compatible:bench-model@${server.url}`;
  const lean = openAICompatibleChat(id, parseModelId(id), { baseURL: server.url });
  return { server, id, lean };
}

describe('the benchmarks stand-in provider', () => {
  it('answers the lean path and the AI SDK (JSON and streamed) with its reply and usage', async () => {
    const { server, id, lean } = await standIn({
      latencyMs: 0,
      text: 'I will finish the summary.',
      usage: { input: 2700, output: 12 },
    });
    const sdk = (stream: boolean) =>
      aiSdkModel(
        id,
        parseModelId(id),
        createOpenAICompatible({
          name: 'openai-compatible',
          baseURL: server.url,
          includeUsage: true,
        }).chatModel('bench-model'),
        { stream },
      );
    for (const model of [lean, sdk(false), sdk(true)]) {
      const response = await model.generate(contractRequest());
      expect(response.text).toBe('I will finish the summary.');
      expect(response.usage).toMatchObject({ inputTokens: 2700, outputTokens: 12 });
      expect(response.finishReason).toBe('stop');
    }
    expect(server.served()).toBe(3);
  });

  it('holds each answer for its latency and records when each call was read and answered', async () => {
    const { server, lean } = await standIn({ latencyMs: 60, record: true });
    await Promise.all([1, 2, 3].map(() => lean.generate(contractRequest())));
    expect(server.arrived).toHaveLength(3);
    expect(server.answered).toHaveLength(3);
    server.answered.forEach((answered, i) =>
      expect(answered - server.arrived[i]!).toBeGreaterThanOrEqual(59),
    );
    expect(JSON.parse(server.firstBody()!.toString('utf8'))).toMatchObject({
      model: 'bench-model',
      messages: [{ role: 'system' }, { role: 'user', content: 'Read your inbox.' }],
    });
  });

  it('turns the rate-limited fraction into 429s the run classifies as rate limits', async () => {
    const { server, lean } = await standIn({ latencyMs: 0, rateLimitFraction: 0.5, seed: 7 });
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () =>
        lean.generate(contractRequest()).then(
          () => 'ok',
          (error: unknown) => (error as ProviderError).category,
        ),
      ),
    );
    expect(outcomes).toContain('ok');
    expect(outcomes).toContain('rate-limit');
    expect(new Set(outcomes)).toEqual(new Set(['ok', 'rate-limit']));
    expect(server.served()).toBe(20);
  });

  it('refuses anything but POST /v1/chat/completions with a 404 JSON error', async () => {
    const { server } = await standIn({ latencyMs: 0 });
    const response = await fetch(`${server.url}/models`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
  });

  it('keeps no per-call record unless asked, so a long bench stays flat in memory', async () => {
    const { server, lean } = await standIn({ latencyMs: 0 });
    await lean.generate(contractRequest());
    expect(server.arrived).toEqual([]);
    expect(server.answered).toEqual([]);
  });
});
