import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { ErrorCode, isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { InputError } from '../../errors.js';
import { bearerTokenMatches, isLoopback } from '../serve/access.js';
import type { BoundaryGuard } from './boundary-guard.js';
import { McpRelay } from './relay.js';
import { connectUpstream, describeUpstream, type Upstream } from './upstream.js';

export type { Upstream } from './upstream.js';

export interface HttpProxyOptions {
  upstream: Upstream;
  guard: BoundaryGuard;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Required unless `host` is a loopback address; clients send `Authorization: Bearer <token>`. */
  token?: string;
  /** Ask the person at the client about holds when it supports elicitation (default true). */
  askAtClient?: boolean;
  /** A session with no request for this long is ended, with its server (default 30 minutes). */
  idleTimeoutMs?: number;
  /** The MCP endpoint's path (default `/mcp`). */
  path?: string;
}

export interface HttpProxy {
  /** The endpoint clients connect to, e.g. `http://127.0.0.1:8931/mcp`. */
  url: string;
  /** Guard session ids of the sessions currently open. */
  sessions(): string[];
  /** The relay of one open session (tests use it to reach the child server). */
  relay(session: string): McpRelay | undefined;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 4 * 1024 * 1024;

/**
 * The streamable-HTTP proxy: many concurrent client sessions, each relayed to its own upstream
 * session and checked by the guard under the protocol's own session id (`Mcp-Session-Id`).
 * One session's crash, disconnect or malformed message never touches the others.
 *
 * @example
 * const proxy = await startHttpProxy({ upstream: { url: 'http://127.0.0.1:3001/mcp' }, guard, port: 8931 });
 */
export async function startHttpProxy(options: HttpProxyOptions): Promise<HttpProxy> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopback(host) && !options.token) {
    throw new InputError(
      `--listen ${host} is not a loopback address: give --token (or TURNCOAT_GUARD_TOKEN) so only your clients can connect`,
    );
  }
  const path = options.path ?? '/mcp';
  const relays = new Map<
    string,
    { relay: McpRelay; transport: StreamableHTTPServerTransport; lastSeen: number }
  >();
  const idleMs = options.idleTimeoutMs ?? 30 * 60_000;
  // Clients that vanish without DELETE would otherwise keep their session (and child server) forever.
  const sweeper = setInterval(
    () => {
      const now = Date.now();
      for (const open of relays.values()) {
        const { relay, lastSeen } = open;
        if (relay.inFlight > 0)
          open.lastSeen = now; // a long call is not idleness
        else if (now - lastSeen > idleMs)
          void relay.end(
            `no request for ${idleMs % 60_000 === 0 ? `${idleMs / 60_000} min` : `${idleMs} ms`}`,
          );
      }
    },
    Math.min(idleMs, 60_000),
  );
  sweeper.unref();
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) reply(res, 500, ErrorCode.InternalError, `turncoat: ${String(error)}`);
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://proxy');
    if (url.pathname !== path)
      return reply(
        res,
        404,
        ErrorCode.InvalidRequest,
        `no MCP endpoint at ${url.pathname}; use ${path}`,
      );
    if (options.token && !bearerTokenMatches(req.headers.authorization, options.token)) {
      return reply(res, 401, ErrorCode.InvalidRequest, 'turncoat: missing or wrong bearer token');
    }
    const sessionHeader = req.headers['mcp-session-id'];
    const sessionId = Array.isArray(sessionHeader) ? sessionHeader[0] : sessionHeader;
    let body: unknown;
    if (req.method === 'POST') {
      const raw = await readBody(req);
      try {
        body = JSON.parse(raw);
      } catch {
        options.guard.record({
          kind: 'malformed',
          session: sessionId ?? 'none',
          detail: `a POST body that is not JSON (${raw.length} bytes)`,
        });
        return reply(
          res,
          400,
          ErrorCode.ParseError,
          'turncoat: the request body is not valid JSON',
        );
      }
    }
    if (sessionId) {
      const open = relays.get(sessionId);
      if (!open)
        return reply(res, 404, ErrorCode.InvalidRequest, `turncoat: no open session ${sessionId}`);
      await open.transport.handleRequest(req, res, body);
      return;
    }
    if (req.method !== 'POST' || !isInitializeRequest(body)) {
      return reply(
        res,
        400,
        ErrorCode.InvalidRequest,
        'turncoat: start a session with an initialize request',
      );
    }
    const session = `mcp-${randomUUID()}`;
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => session });
    const relay = new McpRelay({
      session,
      client: transport,
      upstream: connectUpstream(options.upstream),
      guard: options.guard,
      server: describeUpstream(options.upstream),
      ...(options.askAtClient === undefined ? {} : { askAtClient: options.askAtClient }),
      onEnd: () => relays.delete(session),
    });
    relays.set(session, { relay, transport, lastSeen: Date.now() });
    try {
      await relay.start();
    } catch (error) {
      await relay.end(`the MCP server could not be reached: ${String(error)}`);
      return reply(
        res,
        502,
        ErrorCode.InternalError,
        `turncoat: the MCP server could not be reached: ${String(error)}`,
      );
    }
    await transport.handleRequest(req, res, body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}${path}`,
    sessions: () => [...relays.keys()],
    relay: (session) => relays.get(session)?.relay,
    async close() {
      clearInterval(sweeper);
      await Promise.all(
        [...relays.values()].map(({ relay }) => relay.end('the proxy is shutting down')),
      );
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error(`request body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function reply(res: ServerResponse, status: number, code: number, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code, message } }));
}
