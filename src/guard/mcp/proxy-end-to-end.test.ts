/**
 * The must-show: `turncoat guard mcp` as its own process, the real filesystem server from npm
 * behind it, the SDK's client in front, the approvals API beside it, over stdio and over
 * streamable HTTP. Effects are read from the disk the server writes to.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGuardStore } from '../open-guard-store.js';
import type { GuardStore } from '../guard-store.js';
import type { Approval } from '../records.js';
import { serveGuardApi, type RunningGuardApi } from '../serve/serve-guard-api.js';
import { CLI, startCliHttpProxy } from './test-support/cli-process.js';
import { serveOverHttp } from './test-support/http-bridge.js';
import { filesystemServer } from './test-support/reference-servers.js';

const POLICY = `
rules:
  - id: no-moves
    when: { tool: move_file }
    decision: deny
    reason: moving files is not allowed
  - id: destructive-needs-a-person
    when: { annotations: { destructive: true } }
    decision: hold
    reason: a destructive tool needs a person
`;

interface Setup {
  dir: string;
  out: string;
  store: GuardStore;
  api: RunningGuardApi;
  connect(): Promise<Client>;
  cleanups: Array<() => Promise<unknown> | unknown>;
}

async function setUp(transport: 'stdio' | 'http'): Promise<Setup> {
  const root = mkdtempSync(join(tmpdir(), `turncoat-e2e-${transport}-`));
  const dir = join(root, 'files');
  const out = join(root, 'out');
  const policy = join(root, 'policy.yaml');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(dir);
  writeFileSync(policy, POLICY);
  writeFileSync(join(dir, 'plan.txt'), 'launch on friday\n');
  const cleanups: Setup['cleanups'] = [() => rmSync(root, { recursive: true, force: true })];
  const server = filesystemServer(dir);
  let connect: Setup['connect'];
  if (transport === 'stdio') {
    connect = async () => {
      const client = new Client({ name: 'e2e', version: '1.0.0' });
      await client.connect(
        new StdioClientTransport({
          command: CLI.command,
          args: [
            ...CLI.args,
            'guard',
            'mcp',
            '--policy',
            policy,
            '--out',
            out,
            '--',
            server.command,
            ...server.args,
          ],
          stderr: 'ignore',
        }),
      );
      cleanups.push(() => client.close());
      return client;
    };
  } else {
    const upstream = await serveOverHttp(server);
    cleanups.push(() => upstream.close());
    const proxy = await startCliHttpProxy([
      '--policy',
      policy,
      '--out',
      out,
      '--upstream',
      upstream.url,
    ]);
    cleanups.push(() => proxy.stop());
    connect = async () => {
      const client = new Client({ name: 'e2e', version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(new URL(proxy.url)));
      cleanups.push(() => client.close());
      return client;
    };
  }
  const store = openGuardStore(out);
  const api = await serveGuardApi({ store, port: 0 });
  cleanups.push(
    () => store.close(),
    () => api.close(),
  );
  return { dir, out, store, api, connect, cleanups };
}

// Each stdio client starts the CLI from source (tsx): slow on a loaded machine.
const SLOW = 120_000;

const text = (result: unknown) => JSON.stringify((result as CallToolResult).content);
const post = (url: string, body: unknown) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe.each(['stdio', 'http'] as const)('turncoat guard mcp over %s', (transport) => {
  let s: Setup;
  beforeAll(async () => {
    s = await setUp(transport);
  }, 60_000);
  afterAll(async () => {
    for (const cleanup of s.cleanups.reverse()) await cleanup();
  }, SLOW);

  it(
    'returns an allowed result as the server gave it, and hides the tool it never allows',
    async () => {
      const client = await s.connect();
      const read = await client.callTool({
        name: 'read_text_file',
        arguments: { path: join(s.dir, 'plan.txt') },
      });
      expect(read).toEqual({
        content: [{ type: 'text', text: 'launch on friday\n' }],
        structuredContent: { content: 'launch on friday\n' },
      });
      const names = (await client.listTools()).tools.map((t) => t.name);
      expect(names).toContain('write_file');
      expect(names).not.toContain('move_file');
    },
    SLOW,
  );

  it(
    'refuses a denied call with its reason before it reaches the server',
    async () => {
      const client = await s.connect();
      const moved = (await client.callTool({
        name: 'move_file',
        arguments: { source: join(s.dir, 'plan.txt'), destination: join(s.dir, 'gone.txt') },
      })) as CallToolResult;
      expect(moved.isError).toBe(true);
      expect(text(moved)).toContain('moving files is not allowed');
      expect(existsSync(join(s.dir, 'plan.txt'))).toBe(true);
      expect(existsSync(join(s.dir, 'gone.txt'))).toBe(false);
    },
    SLOW,
  );

  it(
    'holds a destructive call by its annotation; approved through the API it runs exactly once; a replay is refused',
    async () => {
      const client = await s.connect();
      const target = join(s.dir, 'approved.txt');
      const call = { name: 'write_file', arguments: { path: target, content: 'signed off' } };
      const held = (await client.callTool(call)) as CallToolResult;
      expect(held.isError).toBe(true);
      const approvalId = /Pending approval id: (apr_\w+)/.exec(text(held))?.[1];
      expect(approvalId).toBeDefined();
      expect(existsSync(target)).toBe(false);

      const pending = (await (await fetch(`${s.api.url}/approvals`)).json()) as {
        approvals: Approval[];
      };
      expect(pending.approvals.find((a) => a.id === approvalId)).toMatchObject({
        tool: 'write_file',
        args: call.arguments,
      });
      const nameless = await post(`${s.api.url}/approvals/${approvalId}/approve`, {});
      expect(nameless.status).toBe(400);
      expect(
        (await post(`${s.api.url}/approvals/${approvalId}/approve`, { approver: 'Dana Reyes' }))
          .status,
      ).toBe(200);

      const ran = (await client.callTool(call)) as CallToolResult;
      expect(ran.isError).toBeFalsy();
      expect(readFileSync(target, 'utf8')).toBe('signed off');
      writeFileSync(target, 'changed by a person since');

      const replay = (await client.callTool({
        ...call,
        _meta: { 'turncoat/approvalId': approvalId },
      })) as CallToolResult;
      expect(replay.isError).toBe(true);
      expect(text(replay)).toMatch(/used|not approved/);
      const elsewhere = await s.connect();
      const otherSession = (await elsewhere.callTool({
        ...call,
        _meta: { 'turncoat/approvalId': approvalId },
      })) as CallToolResult;
      expect(otherSession.isError).toBe(true);
      expect(readFileSync(target, 'utf8')).toBe('changed by a person since');

      s.store.audit.flush();
      const executions = s.store.audit
        .entries()
        .filter(
          (e) => e.kind === 'execution' && (e.data as { tool: string }).tool === 'write_file',
        );
      expect(executions).toHaveLength(1);
    },
    SLOW,
  );

  it(
    'lets nothing through once a kill lands during a burst of concurrent calls',
    async () => {
      const client = await s.connect();
      let killedAt = Infinity;
      let n = 0;
      const outcomes: Array<{ dir: string; startedAt: number; ok: boolean }> = [];
      const worker = async () => {
        for (;;) {
          const dir = join(s.dir, `burst-${n++}`);
          const startedAt = performance.now();
          const ok = await client
            .callTool({ name: 'create_directory', arguments: { path: dir } })
            .then((r) => !(r as CallToolResult).isError)
            .catch(() => false);
          outcomes.push({ dir, startedAt, ok });
          if (!ok) return;
          if (outcomes.filter((o) => o.ok).length === 10 && killedAt === Infinity) {
            const killed = await post(`${s.api.url}/kill`, { by: 'Dana Reyes', reason: 'burst' });
            expect(killed.status).toBe(200);
            killedAt = performance.now();
          }
        }
      };
      await Promise.all(Array.from({ length: 8 }, worker));
      await post(`${s.api.url}/resume`, { by: 'Dana Reyes' });

      expect(outcomes.filter((o) => o.ok).length).toBeGreaterThanOrEqual(10);
      for (const o of outcomes) {
        if (o.ok) expect(existsSync(o.dir)).toBe(true);
        if (o.startedAt > killedAt) {
          expect(o.ok).toBe(false);
          expect(existsSync(o.dir)).toBe(false);
        }
      }
      expect(outcomes.some((o) => o.startedAt > killedAt)).toBe(true);
      const after = await client
        .callTool({ name: 'create_directory', arguments: { path: join(s.dir, 'after-kill') } })
        .catch((error: Error) => ({
          isError: true,
          content: [{ type: 'text', text: error.message }],
        }));
      expect((after as CallToolResult).isError).toBe(true);
      expect(existsSync(join(s.dir, 'after-kill'))).toBe(false);
    },
    SLOW,
  );
});
