import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { LATEST_PROTOCOL_VERSION, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { startHttpProxy, type HttpProxy, type Upstream } from './http-proxy.js';
import { serveOverHttp } from './test-support/http-bridge.js';
import { everythingServer, filesystemServer } from './test-support/reference-servers.js';
import { scriptedGuard } from './test-support/scripted-guard.js';

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'turncoat-mcp-http-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function proxyFor(
  upstream: Upstream,
  guard: ReturnType<typeof scriptedGuard>,
): Promise<HttpProxy> {
  const proxy = await startHttpProxy({ upstream, guard, port: 0 });
  cleanups.push(() => proxy.close());
  return proxy;
}

async function clientOf(url: string, headers: Record<string, string> = {}) {
  const transport = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } });
  const client = new Client({ name: 'test-client', version: '1.0.0' });
  await client.connect(transport);
  cleanups.push(() => client.close());
  return { client, session: transport.sessionId! };
}

const text = (result: unknown) => JSON.stringify((result as CallToolResult).content);

describe('streamable HTTP proxy in front of the real filesystem server over HTTP', () => {
  it('returns an allowed result unchanged, refuses a denied write before the server, per protocol session', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'plan.txt'), 'launch on friday');
    const upstream = await serveOverHttp(filesystemServer(dir));
    cleanups.push(() => upstream.close());
    const guard = scriptedGuard({
      write_file: { decision: 'deny', rule: 'no-writes', reason: 'writes are not allowed' },
    });
    const proxy = await proxyFor({ url: upstream.url }, guard);
    const a = await clientOf(proxy.url);
    const b = await clientOf(proxy.url);

    const read = { name: 'read_text_file', arguments: { path: join(dir, 'plan.txt') } };
    const direct = await clientOf(upstream.url);
    expect(await a.client.callTool(read)).toEqual(await direct.client.callTool(read));

    const denied = (await b.client.callTool({
      name: 'write_file',
      arguments: { path: join(dir, 'leak.txt'), content: 'secret' },
    })) as CallToolResult;
    expect(denied.isError).toBe(true);
    expect(text(denied)).toContain('writes are not allowed');
    expect(existsSync(join(dir, 'leak.txt'))).toBe(false);

    expect(guard.calls.map((c) => c.session)).toEqual([a.session, b.session]);
    expect(a.session).not.toEqual(b.session);
    expect(proxy.sessions().sort()).toEqual([a.session, b.session].sort());
  });
});

describe('streamable HTTP proxy keeps other sessions running', () => {
  it('after one session server crashes', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'a.txt'), 'alive');
    const guard = scriptedGuard();
    const proxy = await proxyFor(filesystemServer(dir), guard);
    const doomed = await clientOf(proxy.url);
    const other = await clientOf(proxy.url);
    const child = (
      proxy.relay(doomed.session) as unknown as { options: { upstream: { pid: number } } }
    ).options.upstream.pid;
    process.kill(child, 'SIGKILL');
    await proxy.relay(doomed.session)?.done;
    await expect(doomed.client.listTools()).rejects.toThrow();
    expect(guard.events).toContainEqual(
      expect.objectContaining({ kind: 'server-crash', session: doomed.session }),
    );
    const ok = await other.client.callTool({
      name: 'read_text_file',
      arguments: { path: join(dir, 'a.txt') },
    });
    expect(text(ok)).toContain('alive');
  });

  it('after a malformed body: a clear 400 for its sender and an audit entry', async () => {
    const guard = scriptedGuard();
    const proxy = await proxyFor(everythingServer(), guard);
    const other = await clientOf(proxy.url);
    const response = await fetch(proxy.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'mcp-session-id': other.session,
      },
      body: '{"jsonrpc": "2.0", "method": tools/call',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
      /not valid JSON/,
    );
    expect(guard.events).toContainEqual(
      expect.objectContaining({ kind: 'malformed', session: other.session }),
    );
    const echo = await other.client.callTool({
      name: 'echo',
      arguments: { message: 'still here' },
    });
    expect(text(echo)).toContain('still here');
  });

  it('after a client disconnects mid-call: the late result is dropped with an audit entry', async () => {
    const guard = scriptedGuard();
    const proxy = await proxyFor(everythingServer(), guard);
    const leaving = await clientOf(proxy.url);
    const other = await clientOf(proxy.url);
    // A dropped connection, not a polite cancellation: the POST's stream just goes away.
    const abort = new AbortController();
    const response = await fetch(proxy.url, {
      method: 'POST',
      signal: abort.signal,
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'mcp-session-id': leaving.session,
        'mcp-protocol-version': LATEST_PROTOCOL_VERSION,
      },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 99,
        method: 'tools/call',
        params: { name: 'trigger-long-running-operation', arguments: { duration: 1, steps: 2 } },
      }),
    });
    expect(response.status).toBe(200);
    abort.abort();
    await expect
      .poll(() => guard.events.filter((e) => e.kind === 'client-gone'), { timeout: 30_000 })
      .toEqual([
        expect.objectContaining({
          session: leaving.session,
          tool: 'trigger-long-running-operation',
        }),
      ]);
    const echo = await other.client.callTool({
      name: 'echo',
      arguments: { message: 'unaffected' },
    });
    expect(text(echo)).toContain('unaffected');
  });
});

describe('streamable HTTP proxy idle sessions', () => {
  it('ends a session (and its server) after no request for the idle timeout', async () => {
    const guard = scriptedGuard();
    const proxy = await startHttpProxy({
      upstream: everythingServer(),
      guard,
      port: 0,
      idleTimeoutMs: 300,
    });
    cleanups.push(() => proxy.close());
    const { session } = await clientOf(proxy.url);
    expect(proxy.sessions()).toEqual([session]);
    await expect.poll(() => proxy.sessions(), { timeout: 30_000 }).toEqual([]);
    expect(guard.events).toContainEqual({
      kind: 'session-end',
      session,
      cause: 'no request for 300 ms',
    });
  });
});

describe('streamable HTTP proxy access', () => {
  it('refuses a non-loopback listen without a token, and requests without the bearer token', async () => {
    const guard = scriptedGuard();
    await expect(
      startHttpProxy({ upstream: everythingServer(), guard, host: '0.0.0.0' }),
    ).rejects.toThrow(/--token/);
    const proxy = await startHttpProxy({
      upstream: everythingServer(),
      guard,
      port: 0,
      token: 'let-me-in',
    });
    cleanups.push(() => proxy.close());
    await expect(clientOf(proxy.url)).rejects.toThrow(/401|bearer/i);
    const { client } = await clientOf(proxy.url, { authorization: 'Bearer let-me-in' });
    expect(text(await client.callTool({ name: 'echo', arguments: { message: 'hi' } }))).toContain(
      'hi',
    );
  });
});
