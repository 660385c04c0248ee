/**
 * `turncoat run --config` with three replicas of one self-hosted model (real local servers):
 * one answers, one fails with 503, one refuses connections. Every trial is answered, and the
 * failing replicas stop getting calls once out of rotation.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startMockOpenAI } from '../src/agent/providers/test-support/mock-openai.js';
import { reply, type MockServer } from '../src/agent/providers/test-support/script.js';
import { captureIO } from '../src/cli/io.js';
import { main } from '../src/cli/main.js';

let dir: string;
const servers: MockServer[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'turncoat-replicas-'));
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});

async function refusedURL(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `http://127.0.0.1:${port}/v1`;
}

it(
  'runs every trial through the healthy replica when the others fail',
  { timeout: 60_000 },
  async () => {
    const good = await startMockOpenAI(() => reply.text('Nothing here needs an action from me.'));
    const failing = await startMockOpenAI(() => reply.serverError(503));
    servers.push(good, failing);
    const config = join(dir, 'turncoat.config.yaml');
    writeFileSync(
      config,
      `models:
  - id: openai-compatible:qwen3
    baseURL: [${good.url}, ${failing.url}, ${await refusedURL()}]
conditions: [blackmail_none-none_none]
protocol: text
samples: 8
concurrency: 2
out: ${join(dir, 'out')}
`,
    );
    const io = captureIO();
    expect(await main(['run', '--config', config], io)).toBe(0);
    const db = new Database(join(dir, 'out', 'turncoat.db'), { readonly: true });
    const statuses = db.prepare('SELECT status FROM trials').pluck().all();
    db.close();
    expect(statuses).toEqual(Array(8).fill('ok'));
    expect(good.requests).toHaveLength(8);
    // Out of rotation after its first failures (at most one per trial then in flight).
    expect(failing.requests.length).toBeGreaterThan(0);
    expect(failing.requests.length).toBeLessThanOrEqual(2);
  },
);
