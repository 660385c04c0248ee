import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { realModelHint } from './real-model-hint.js';

let server: Server | undefined;
afterEach(
  () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
);

function fakeOllama(models: string[]): Promise<string> {
  server = createServer((req, res) => {
    res.writeHead(req.url === '/api/tags' ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ models: models.map((name) => ({ name })) }));
  });
  return new Promise((resolve) =>
    server!.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server!.address() as AddressInfo).port}`),
    ),
  );
}

it('names a local Ollama that answers, with a command for its first model', async () => {
  const url = await fakeOllama(['qwen3:8b', 'llama3.1:8b']);
  const hint = await realModelHint({ env: { OLLAMA_BASE_URL: url } });
  expect(hint).toContain(`A local Ollama answers at ${url.slice(7)} (qwen3:8b, llama3.1:8b)`);
  expect(hint).toContain('turncoat run --model ollama:qwen3:8b');
});

it('says nothing about Ollama when nothing answers, and suggests providers whose key is set', async () => {
  const url = await fakeOllama([]);
  await new Promise<void>((resolve) => server!.close(() => resolve()));
  server = undefined;
  const hint = await realModelHint({ env: { OLLAMA_BASE_URL: url, ANTHROPIC_API_KEY: 'sk-x' } });
  expect(hint).not.toContain('Ollama answers');
  expect(hint).toContain(
    'ANTHROPIC_API_KEY is set: turncoat run --model anthropic:claude-sonnet-4-5 --dry-run',
  );
  expect(hint).not.toContain('sk-x');
  expect(hint).not.toContain('OPENAI_API_KEY is set');
});
