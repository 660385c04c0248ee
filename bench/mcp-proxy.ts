/**
 * `npm run bench -- --mcp`: what `turncoat guard mcp` adds to each tool call. The real
 * "everything" MCP server's `echo` tool is called in sequence directly and through the proxy
 * (its own process, the shipped example policy, the durable audit append included), over
 * stdio and over streamable HTTP; the table shows p50/p99 of each and the difference.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { CLI, startCliHttpProxy } from '../src/guard/mcp/test-support/cli-process.js';
import { serveOverHttp } from '../src/guard/mcp/test-support/http-bridge.js';
import { everythingServer } from '../src/guard/mcp/test-support/reference-servers.js';

const POLICY = fileURLToPath(new URL('../policies/example.yaml', import.meta.url));

async function latencies(transport: Transport, calls: number): Promise<number[]> {
  const client = new Client({ name: 'bench', version: '1.0.0' });
  await client.connect(transport);
  const times: number[] = [];
  for (let i = 0; i < calls + 50; i++) {
    const started = performance.now();
    await client.callTool({ name: 'echo', arguments: { message: `call ${i}` } });
    if (i >= 50) times.push(performance.now() - started); // the first 50 warm up
  }
  await client.close();
  return times.sort((a, b) => a - b);
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

export async function printMcpProxyBench(quick: boolean): Promise<void> {
  const calls = quick ? 200 : 1_000;
  const out = mkdtempSync(join(tmpdir(), 'turncoat-bench-mcp-'));
  const server = everythingServer();
  const guardArgs = ['--policy', POLICY, '--out', out];
  try {
    const rows: Array<[string, number[], number[]]> = [];
    const stdioDirect = await latencies(
      new StdioClientTransport({ ...server, stderr: 'ignore' }),
      calls,
    );
    const stdioProxied = await latencies(
      new StdioClientTransport({
        command: CLI.command,
        args: [...CLI.args, 'guard', 'mcp', ...guardArgs, '--', server.command, ...server.args],
        stderr: 'ignore',
      }),
      calls,
    );
    rows.push(['stdio', stdioDirect, stdioProxied]);
    const upstream = await serveOverHttp(server);
    const proxy = await startCliHttpProxy([...guardArgs, '--upstream', upstream.url]);
    try {
      const httpDirect = await latencies(
        new StreamableHTTPClientTransport(new URL(upstream.url)),
        calls,
      );
      const httpProxied = await latencies(
        new StreamableHTTPClientTransport(new URL(proxy.url)),
        calls,
      );
      rows.push(['http', httpDirect, httpProxied]);
    } finally {
      await proxy.stop();
      await upstream.close();
    }
    console.log(
      `\nMCP proxy: ${calls} sequential echo calls per case (everything server), shipped example policy, audit in SQLite`,
    );
    console.log(
      'transport  direct p50  direct p99  proxied p50  proxied p99  added p50  added p99',
    );
    const ms = (v: number) => `${v.toFixed(2)} ms`.padStart(10);
    for (const [name, direct, proxied] of rows) {
      console.log(
        `${name.padEnd(9)}  ${ms(pct(direct, 50))}  ${ms(pct(direct, 99))}  ${ms(pct(proxied, 50)).padStart(11)}  ${ms(pct(proxied, 99)).padStart(11)}  ${ms(pct(proxied, 50) - pct(direct, 50)).padStart(9)}  ${ms(pct(proxied, 99) - pct(direct, 99)).padStart(9)}`,
      );
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
