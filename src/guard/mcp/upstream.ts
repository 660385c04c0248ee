import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';

/** Where a session's MCP server lives: a streamable-HTTP URL, or a command started per session (stdio). */
export type Upstream = { url: string } | { command: string; args: string[] };

/** A fresh client-side transport to the server; a command's child inherits this process's environment and stderr. */
export function connectUpstream(upstream: Upstream): Transport {
  if ('url' in upstream) return new StreamableHTTPClientTransport(new URL(upstream.url));
  return new StdioClientTransport({
    command: upstream.command,
    args: upstream.args,
    env: process.env as Record<string, string>,
    stderr: 'inherit',
  });
}

/** How the audit names the server: its URL or its command line. */
export function describeUpstream(upstream: Upstream): string {
  return 'url' in upstream ? upstream.url : [upstream.command, ...upstream.args].join(' ');
}
