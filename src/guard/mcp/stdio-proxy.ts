import { randomUUID } from 'node:crypto';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { BoundaryGuard } from './boundary-guard.js';
import { connectUpstream, describeUpstream, type Upstream } from './upstream.js';
import { McpRelay } from './relay.js';

export interface StdioProxyOptions {
  /** The MCP server: a command this proxy starts (stdio), or a streamable-HTTP URL. */
  upstream: Upstream;
  guard: BoundaryGuard;
  /** Guard session id (default `mcp-<uuid>`). */
  session?: string;
  stdin?: NodeJS.ReadableStream;
  stdout?: NodeJS.WritableStream;
}

/**
 * The stdio proxy: this process speaks MCP on its own stdin/stdout to the client, and starts
 * the server as a child speaking MCP on the child's stdin/stdout (or reaches it over
 * streamable HTTP). Resolves with the reason
 * the session ended (client gone, server exited, or a kill).
 *
 * @example
 * const cause = await runStdioProxy({ upstream: { command: 'npx', args: ['@modelcontextprotocol/server-filesystem', '/tmp'] }, guard });
 */
export async function runStdioProxy(options: StdioProxyOptions): Promise<string> {
  const stdin = options.stdin ?? process.stdin;
  const upstream = connectUpstream(options.upstream);
  const client = new StdioServerTransport(
    stdin as typeof process.stdin,
    (options.stdout ?? process.stdout) as typeof process.stdout,
  );
  const relay = new McpRelay({
    session: options.session ?? `mcp-${randomUUID()}`,
    client,
    upstream,
    guard: options.guard,
    server: describeUpstream(options.upstream),
  });
  // The SDK's stdio transport does not notice the client closing its end: we do.
  const clientGone = () => void relay.end('the client closed its input');
  stdin.once('end', clientGone);
  stdin.once('close', clientGone);
  try {
    await relay.start();
  } catch (error) {
    await relay.end(
      `the MCP server could not be started: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return relay.done;
}
