/**
 * The node:http shell shared by the mock providers: records every request, applies
 * latency and faults, and asks a wire-format adapter to render scripted messages.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import {
  pickReply,
  seededRandom,
  type MockMessage,
  type MockScript,
  type MockServer,
  type MockServerOptions,
  type RecordedRequest,
} from './script.js';

export interface WireFormat {
  /** Path prefix the provider client calls, e.g. `/v1`. */
  basePath: string;
  requestIdHeader: string;
  errorBody(status: number, message: string): unknown;
  json(message: MockMessage, request: RecordedRequest, index: number): unknown;
  /** SSE frames (each a complete `event:`/`data:` block ending in a blank line). */
  sse(message: MockMessage, request: RecordedRequest, index: number): string[];
}

export async function startMockServer(
  format: WireFormat,
  script: MockScript,
  options: MockServerOptions = {},
): Promise<MockServer> {
  const requests: RecordedRequest[] = [];
  const delivered: string[] = [];
  const sockets = new Set<Socket>();
  let accepted = 0;
  const chance = seededRandom(options.seed ?? 1);

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => res.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    accepted++;
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      body = { unparsed: raw };
    }
    const request: RecordedRequest = {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers: req.headers,
      body,
      stream: body['stream'] === true,
    };
    const index = requests.length;
    requests.push(request);
    const answer = pickReply(script, request, index, chance, options);
    if (options.latencyMs) await delay(options.latencyMs);
    await options.hold?.(request);
    if (res.destroyed) return;
    const requestId = `req_mock_${index + 1}`;
    // Delivered: the whole response went out to a client still connected (what a provider bills).
    res.on('finish', () => {
      if (answer.kind === 'message') delivered.push(requestId);
    });

    switch (answer.kind) {
      case 'hang':
        return; // the socket stays open until the client aborts or the server closes
      case 'garbage':
        res.writeHead(200, {
          'content-type': 'application/json',
          [format.requestIdHeader]: requestId,
        });
        res.end('<html>502 Bad Gateway</html>');
        return;
      case 'status': {
        const headers: Record<string, string> = {
          'content-type': 'application/json',
          [format.requestIdHeader]: requestId,
        };
        if (answer.retryAfter !== undefined) headers['retry-after'] = answer.retryAfter;
        if (answer.retryAfterMs !== undefined)
          headers['retry-after-ms'] = String(answer.retryAfterMs);
        res.writeHead(answer.status, headers);
        res.end(
          JSON.stringify(
            format.errorBody(answer.status, answer.message ?? `mock status ${answer.status}`),
          ),
        );
        return;
      }
      case 'cut':
      case 'truncate': {
        const message: MockMessage = {
          kind: 'message',
          text: 'This reply will be cut off before it ends.',
        };
        if (request.stream) {
          res.writeHead(200, {
            'content-type': 'text/event-stream',
            [format.requestIdHeader]: requestId,
          });
          const frames = format.sse(message, request, index);
          res.write(frames.slice(0, Math.max(1, Math.floor(frames.length / 2))).join(''));
        } else {
          const text = JSON.stringify(format.json(message, request, index));
          res.writeHead(200, {
            'content-type': 'application/json',
            'content-length': String(Buffer.byteLength(text)),
            [format.requestIdHeader]: requestId,
          });
          res.write(text.slice(0, Math.floor(text.length / 2)));
        }
        // `cut` drops the connection mid-write. `truncate` ends the response early, then
        // half-closes the socket (flushing what was written), so the client sees the short
        // body at once instead of waiting for keep-alive to end a connection that owes bytes.
        if (answer.kind === 'cut') setTimeout(() => res.socket?.destroy(), 5);
        else {
          res.end();
          res.socket?.end();
        }
        return;
      }
      case 'message':
        if (request.stream) {
          res.writeHead(200, {
            'content-type': 'text/event-stream',
            'cache-control': 'no-cache',
            [format.requestIdHeader]: requestId,
          });
          for (const frame of format.sse(answer, request, index)) res.write(frame);
          res.end();
        } else {
          res.writeHead(200, {
            'content-type': 'application/json',
            [format.requestIdHeader]: requestId,
          });
          res.end(JSON.stringify(format.json(answer, request, index)));
        }
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${format.basePath}`,
    requests,
    delivered,
    connections: () => accepted,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Formats one SSE frame. */
export function sseFrame(data: unknown, event?: string): string {
  const payload = typeof data === 'string' ? data : JSON.stringify(data);
  return `${event ? `event: ${event}\n` : ''}data: ${payload}\n\n`;
}

/** Splits a string into about `parts` pieces, so streamed arguments arrive incrementally. */
export function pieces(text: string, parts = 3): string[] {
  if (text.length === 0) return [''];
  const size = Math.max(1, Math.ceil(text.length / parts));
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}
