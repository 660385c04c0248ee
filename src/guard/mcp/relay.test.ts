import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import {
  CallToolResultSchema,
  type CallToolRequest,
  type CallToolResult,
} from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { McpRelay } from './relay.js';
import { filesystemServer, everythingServer } from './test-support/reference-servers.js';
import { scriptedGuard } from './test-support/scripted-guard.js';
import type { BoundaryDecision } from './boundary-guard.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A real server behind a relay, and the SDK's client in front of it (in memory). */
async function connect(
  server: { command: string; args: string[] },
  guard: ReturnType<typeof scriptedGuard>,
) {
  const [clientSide, relaySide] = InMemoryTransport.createLinkedPair();
  const upstream = new StdioClientTransport({ ...server, stderr: 'ignore' });
  const relay = new McpRelay({ session: 's1', client: relaySide, upstream, guard, server: 'test' });
  await relay.start();
  const client = new Client({ name: 'test-client', version: '1.0.0' });
  await client.connect(clientSide);
  cleanups.push(async () => {
    await client.close();
    await relay.end('test over');
  });
  return { client, relay, upstream, clientSide };
}

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'turncoat-mcp-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const deny: BoundaryDecision = {
  decision: 'deny',
  rule: 'no-writes',
  reason: 'writing files is not allowed here',
};

describe('McpRelay in front of the real filesystem server', () => {
  it('lets an allowed call through with the server result unchanged, and shows the annotations to the guard', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'notes.txt'), 'quarterly figures\n');
    const guard = scriptedGuard();
    const { client } = await connect(filesystemServer(dir), guard);
    const viaRelay = await client.callTool({
      name: 'read_text_file',
      arguments: { path: join(dir, 'notes.txt') },
    });

    const direct = new Client({ name: 'direct', version: '1.0.0' });
    await direct.connect(new StdioClientTransport({ ...filesystemServer(dir), stderr: 'ignore' }));
    const straight = await direct.callTool({
      name: 'read_text_file',
      arguments: { path: join(dir, 'notes.txt') },
    });
    await direct.close();

    expect(viaRelay).toEqual(straight);
    expect(guard.calls[0]).toMatchObject({
      tool: 'read_text_file',
      session: 's1',
      annotations: { readOnlyHint: true },
    });
  });

  it('answers a denied call with the reason and never reaches the server', async () => {
    const dir = workspace();
    const guard = scriptedGuard({ write_file: deny });
    const { client } = await connect(filesystemServer(dir), guard);
    const result = (await client.callTool({
      name: 'write_file',
      arguments: { path: join(dir, 'out.txt'), content: 'exfiltrated' },
    })) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(result.content[0]).toMatchObject({
      type: 'text',
      text: expect.stringContaining('writing files is not allowed here'),
    });
    expect(existsSync(join(dir, 'out.txt'))).toBe(false);
    expect(guard.calls[0]?.annotations).toMatchObject({ destructiveHint: true });
    expect(guard.events.some((e) => e.kind === 'executed')).toBe(false);
  });

  it('hides from tools/list the tools the policy never allows', async () => {
    const guard = scriptedGuard({}, ['write_file', 'move_file']);
    const { client } = await connect(filesystemServer(workspace()), guard);
    const names = (await client.listTools()).tools.map((t) => t.name);
    expect(names).toContain('read_text_file');
    expect(names).not.toContain('write_file');
    expect(names).not.toContain('move_file');
  });

  it('ends the session on a kill: the killed call is refused and never runs', async () => {
    const dir = workspace();
    const guard = scriptedGuard();
    const { client, relay } = await connect(filesystemServer(dir), guard);
    guard.kill('s1');
    const killed = (await client.callTool({
      name: 'write_file',
      arguments: { path: join(dir, 'a.txt'), content: 'x' },
    })) as CallToolResult;
    expect(killed.isError).toBe(true);
    expect(JSON.stringify(killed.content)).toContain('ended this session');
    expect(await relay.done).toMatch(/killed by the guard/);
    expect(existsSync(join(dir, 'a.txt'))).toBe(false);
  });

  it('answers a malformed tools/call with invalid params and keeps relaying', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'a.txt'), 'still here');
    const guard = scriptedGuard();
    const { client } = await connect(filesystemServer(dir), guard);
    const nameless = {
      method: 'tools/call',
      params: { arguments: {} },
    } as unknown as CallToolRequest;
    await expect(client.request(nameless, CallToolResultSchema)).rejects.toThrow(/params.name/);
    expect(guard.events).toContainEqual(expect.objectContaining({ kind: 'malformed' }));
    const ok = (await client.callTool({
      name: 'read_text_file',
      arguments: { path: join(dir, 'a.txt') },
    })) as CallToolResult;
    expect(ok.content[0]).toMatchObject({ text: 'still here' });
  });

  it('tells the client and the audit when the server crashes mid-session', async () => {
    const guard = scriptedGuard();
    const { client, relay, upstream } = await connect(filesystemServer(workspace()), guard);
    await client.listTools();
    process.kill(upstream.pid!, 'SIGKILL');
    expect(await relay.done).toMatch(/server exited/);
    expect(guard.events).toContainEqual(
      expect.objectContaining({ kind: 'server-crash', session: 's1' }),
    );
    await expect(client.listTools()).rejects.toThrow();
  });
});

describe('McpRelay in front of the real everything server', () => {
  it('relays progress notifications, resources and prompts unchanged', async () => {
    const guard = scriptedGuard();
    const { client, clientSide } = await connect(everythingServer(), guard);
    // What reaches the client, in order. (The SDK client runs progress handlers a microtask
    // late, so a notice delivered in the same tick as the result can miss `onprogress`;
    // the wire is what the relay answers for.)
    const delivered: Array<{ method?: string; progress?: number; result?: boolean }> = [];
    const deliver = clientSide.onmessage!;
    clientSide.onmessage = (message, extra) => {
      const m = message as { method?: string; params?: { progress?: number }; result?: unknown };
      delivered.push({
        ...(m.method ? { method: m.method } : {}),
        ...(m.params?.progress !== undefined ? { progress: m.params.progress } : {}),
        ...(m.result !== undefined ? { result: true } : {}),
      });
      deliver(message, extra);
    };
    const progress: number[] = [];
    await client.callTool(
      { name: 'trigger-long-running-operation', arguments: { duration: 0.2, steps: 2 } },
      undefined,
      { onprogress: (p) => progress.push(p.progress) },
    );
    expect(delivered.filter((d) => d.method === 'notifications/progress' || d.result)).toEqual([
      { method: 'notifications/progress', progress: 1 },
      { method: 'notifications/progress', progress: 2 },
      { result: true },
    ]);
    expect(progress[0]).toBe(1);
    const resources = await client.listResources();
    expect(resources.resources.length).toBeGreaterThan(0);
    const prompts = await client.listPrompts();
    expect(prompts.prompts.map((p) => p.name)).toContain('simple-prompt');
  });
});
