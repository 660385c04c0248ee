import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

/**
 * Serves a stdio MCP server over streamable HTTP on loopback, one child per session, by
 * piping the SDK's two transports into each other: how the tests reach the real filesystem
 * server (which speaks only stdio) as an HTTP upstream. No guard, no inspection.
 */
export async function serveOverHttp(server: { command: string; args: string[] }) {
  const sessions = new Map<string, StreamableHTTPServerTransport>();
  const children: StdioClientTransport[] = [];
  const http = createServer(async (req, res) => {
    const id = req.headers['mcp-session-id'] as string | undefined;
    const known = id ? sessions.get(id) : undefined;
    if (known) return known.handleRequest(req, res);
    if (id) {
      res.writeHead(404).end();
      return;
    }
    const child = new StdioClientTransport({ ...server, stderr: 'ignore' });
    children.push(child);
    const front: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: randomUUID,
      onsessioninitialized: (sid) => void sessions.set(sid, front),
    });
    front.onmessage = (message) => void child.send(message);
    child.onmessage = (message) => void front.send(message).catch(() => {});
    front.onclose = () => void child.close();
    await child.start();
    await front.start();
    await front.handleRequest(req, res);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    async close() {
      await Promise.all(children.map((child) => child.close()));
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
    },
  };
}
