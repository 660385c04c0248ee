/**
 * Replicas of one self-hosted model, against real local servers: calls spread by calls in
 * flight, a replica that refuses connections or answers 5xx leaves the rotation (its calls
 * move on) and comes back after its cool-down.
 */
import { createServer } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { modelEntrySchema } from '../../config/schema.js';
import { providerOptionsFor } from '../../config/model-options.js';
import type { AgentModel, ModelRequest } from '../model.js';
import { resolveModel } from '../resolve-model.js';
import { createProviderModel } from './index.js';
import { withReplicas } from './replicas.js';
import { startMockOpenAI } from './test-support/mock-openai.js';
import { reply, type MockServer } from './test-support/script.js';

const ID = 'openai-compatible:qwen3';
const servers: MockServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const request: ModelRequest = {
  system: 'You are a test.',
  messages: [{ role: 'user', content: 'Say hello.' }],
  settings: {},
  sample: 0,
  seed: 1,
};

async function server(
  answer: () => ReturnType<typeof reply.text> | ReturnType<typeof reply.serverError>,
) {
  // prettier-ignore
  const s = await startMockOpenAI(() => answer());
  servers.push(s);
  return s;
}

/** A loopback URL nothing listens on: connections are refused. */
async function refusedURL(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `http://127.0.0.1:${port}/v1`;
}

it('takes a refusing and a failing replica out of rotation; every call is still answered', async () => {
  const good = await server(() => reply.text('hello'));
  const failing = await server(() => reply.serverError(503));
  const down: string[] = [];
  const model = withReplicas(
    [good.url, failing.url, await refusedURL()].map((baseURL) => createProviderModel(ID, { baseURL })), // prettier-ignore
    { coolDownMs: 60_000, onChange: (e) => down.push(`${e.state} ${e.baseURL}`) },
  );
  const first = await Promise.all(Array.from({ length: 12 }, () => model.generate(request)));
  expect(first.every((r) => r.text === 'hello')).toBe(true);
  expect(down).toHaveLength(2);
  // Out of rotation now: the next calls all go to the good replica.
  const failedBefore = failing.requests.length;
  const goodBefore = good.requests.length;
  const second = await Promise.all(Array.from({ length: 12 }, () => model.generate(request)));
  expect(second.every((r) => r.text === 'hello')).toBe(true);
  expect(failing.requests.length).toBe(failedBefore);
  expect(good.requests.length).toBe(goodBefore + 12);
});

it('tries a replica again after its cool-down, and keeps it once it answers', async () => {
  let healthy = false;
  const flaky = await server(() => (healthy ? reply.text('flaky') : reply.serverError(502)));
  const steady = await server(() => reply.text('steady'));
  let clock = 0;
  const events: string[] = [];
  const model = withReplicas(
    [flaky.url, steady.url].map((baseURL) => createProviderModel(ID, { baseURL })),
    { coolDownMs: 1000, now: () => clock, onChange: (e) => events.push(e.state) },
  );
  expect((await model.generate(request)).text).toBe('steady'); // flaky failed, the call moved on
  expect(events).toEqual(['down']);
  for (let i = 0; i < 3; i++) expect((await model.generate(request)).text).toBe('steady');
  expect(flaky.requests).toHaveLength(1);
  healthy = true;
  clock = 1001;
  const after = await Promise.all([model.generate(request), model.generate(request)]);
  expect(after.map((r) => r.text).sort()).toEqual(['flaky', 'steady']);
  expect(events).toEqual(['down', 'up']);
});

it('sends each call to the replica with the fewest calls in flight', async () => {
  // Two stand-in replicas: one holds its replies until released, the other answers at once.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const calls = { busy: 0, free: 0 };
  const replica = (name: 'busy' | 'free', wait: () => Promise<void>): AgentModel => ({
    id: ID,
    kind: 'language-model',
    baseURL: `http://${name}.invalid/v1`,
    async generate() {
      calls[name]++;
      await wait();
      return { text: name, toolCalls: [], finishReason: 'stop', usage: { inputTokens: 1, outputTokens: 1 }, latencyMs: 0 }; // prettier-ignore
    },
  });
  const model = withReplicas([replica('busy', () => held), replica('free', async () => {})]);
  const first = model.generate(request); // both idle: the first replica
  for (let i = 0; i < 5; i++) expect((await model.generate(request)).text).toBe('free');
  expect(calls).toEqual({ busy: 1, free: 5 });
  release();
  expect((await first).text).toBe('busy');
  // Both idle again: the tie goes to the replica that has had fewer calls.
  expect((await model.generate(request)).text).toBe('busy');
});

it('reads replicas from a config entry (baseURL: [url, url]) into one model', async () => {
  const a = await server(() => reply.text('a'));
  const b = await server(() => reply.text('b'));
  const entry = modelEntrySchema.parse({ id: ID, baseURL: [a.url, b.url] });
  const model = resolveModel(ID, providerOptionsFor({}, entry));
  expect(model.baseURL).toBe(a.url);
  await Promise.all([model.generate(request), model.generate(request)]);
  expect([a.requests.length, b.requests.length]).toEqual([1, 1]);
  expect(() => modelEntrySchema.parse({ id: ID, baseURL: ['ftp://x'] })).toThrow(/http\(s\) URL/);
});
