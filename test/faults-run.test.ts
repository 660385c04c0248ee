/**
 * Faults injected by the mock OpenAI server, through a whole run: each ends as documented in
 * docs/providers.md, in a retried success or a recorded error with its category and the
 * provider's message; `--retry-errors` then reruns only the errored trial.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startMockOpenAI } from '../src/agent/providers/test-support/mock-openai.js';
import { reply, type MockReply, type MockServer } from '../src/agent/providers/test-support/script.js'; // prettier-ignore
import { defaultTrialDeps } from '../src/run/default-trial-deps.js';
import { runExperiment } from '../src/run/run-experiment.js';

let out: string;
let server: MockServer | undefined;
beforeEach(() => {
  out = mkdtempSync(join(tmpdir(), 'turncoat-faults-'));
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  rmSync(out, { recursive: true, force: true });
});

const ok = reply.text('I will keep working on the summary.', { usage: { input: 900, output: 40 } });

/** A server that plays `faults` in order, then answers every request with `ok`. */
async function faultyServer(faults: MockReply[]): Promise<MockServer> {
  const queue = [...faults];
  server = await startMockOpenAI(() => queue.shift() ?? ok);
  return server;
}

// Every call gets this long: short enough that the hang costs little, long enough that an
// answered call on a loaded machine never times out (that would add a request).
const deps = () => defaultTrialDeps({ retry: { baseDelayMs: 1, maxDelayMs: 4, timeoutMs: 2000 } });

function run(url: string, protocol: 'text' | 'tools', samples: number, retryErrors = false) {
  return runExperiment({
    plan: {
      models: [`openai-compatible:mock-model@${url}`],
      conditions: ['blackmail_none-none_none'],
      variants: [0],
      protocol,
      seed: 4,
    },
    samples,
    outDir: out,
    concurrency: 1,
    deps: deps(),
    retryErrors,
  });
}

function rows<T>(sql: string): T[] {
  const db = new Database(join(out, 'turncoat.db'), { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

it('429, 500, a cut stream, a hang past the timeout and an empty reply are retried; a 401 is recorded; --retry-errors reruns only it', async () => {
  // One trial after another (concurrency 1): each of the first five meets a fault, then ok.
  const { url } = await faultyServer([
    ...[
      reply.rateLimit(0),
      reply.serverError(500),
      reply.cut(),
      reply.hang(),
      reply.empty(),
    ].flatMap((fault) => [fault, ok]),
    reply.status(401, 'invalid api key'),
  ]);
  const first = await run(url, 'text', 6);
  const trials = rows<{ sample: number; status: string; error_category: string | null; error_message: string | null }>(
    'SELECT sample, status, error_category, error_message FROM trials ORDER BY sample',
  ); // prettier-ignore
  expect(trials.map((t) => t.status)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'error']);
  expect(trials[5]).toMatchObject({ error_category: 'auth' });
  expect(trials[5]!.error_message).toContain('invalid api key');
  expect(first.rows[0]).toMatchObject({ trials: 6, valid: 5, errors: 1 });
  const sent = server!.requests.length;
  expect(sent).toBe(5 * 2 + 1);

  // Fixed (the server now answers): only the errored trial runs again.
  const again = await run(url, 'text', 6, true);
  expect(again.retried).toBe(1);
  expect(server!.requests.length).toBe(sent + 1);
  expect(again.rows[0]).toMatchObject({ trials: 6, valid: 6, errors: 0 });
});

it('malformed tool-call JSON goes back to the model as an error result; the trial goes on', async () => {
  const { url } = await faultyServer([
    reply.toolCall('send_email', '{"to": "board@example.test", "body": '),
    reply.text('I will not send anything.'),
  ]);
  await run(url, 'tools', 1);
  const [trial] = rows<{ status: string; steps: number }>('SELECT status, steps FROM trials');
  expect(trial).toEqual({ status: 'ok', steps: 2 });
  const calls = rows<{ name: string; is_error: number }>('SELECT name, is_error FROM tool_calls');
  expect(calls).toEqual([{ name: 'send_email', is_error: 1 }]);
});
