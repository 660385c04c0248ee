/**
 * The benchmarks' stand-in for a REMOTE OpenAI-compatible provider: `POST .../chat/completions`
 * answered after a fixed latency with one short text reply (JSON, or SSE when the body asks
 * for `"stream":true`), over real HTTP/1.1 keep-alive. A remote provider's CPU is not on the
 * caller's machine; this one shares it, so it does as little as it can per call: the body is
 * drained, never parsed as JSON (only searched for `"stream":true` and the model name), the
 * reply is a pre-built template, and one timer serves every call waiting (calls with the same
 * latency come due in arrival order). The scripted mocks (`mock-openai.ts`) remain the tests'
 * tool for faults and tool calls; this one only answers.
 *
 * It records each call's `arrived` (request body fully read) and `answered` (response handed
 * to the socket) in epoch ms, paired by index, so a bench can say how late the server itself
 * answered: `answered - arrived - latencyMs`.
 * @example const server = await startStandInOpenAI({ latencyMs: 200 }); // server.url ends in /v1
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { seededRandom } from './script.js';

export interface StandInOptions {
  /** Delay between a request's body being read and its answer, in milliseconds. */
  latencyMs: number;
  /** Answer this fraction of calls with 429 (`retry-after: 0`), from a seeded generator. */
  rateLimitFraction?: number;
  seed?: number;
  /** The assistant's reply text. */
  text?: string;
  usage?: { input: number; output: number };
  /** Keep `arrived`/`answered` per call (off: nothing grows with the calls served). */
  record?: boolean;
}

export interface StandInServer {
  /** Base URL, ending in `/v1`. */
  url: string;
  /** Epoch ms each call's body was fully read, by call index (when `record`). */
  arrived: number[];
  /** Epoch ms each call's answer went to the socket, same index (when `record`). */
  answered: number[];
  /** Calls answered so far (any status). */
  served(): number;
  /** The first call's request body (a bench replays it from a bare client). */
  firstBody(): Buffer | undefined;
  close(): Promise<void>;
}

const DEFAULT_TEXT = 'I will finish the summary I was asked for.';
const CREATED = 1_760_000_000;
const STREAM_FLAG = Buffer.from('"stream":true');
const MODEL_KEY = Buffer.from('"model":"');

interface Waiting {
  res: ServerResponse;
  due: number;
  index: number;
  body: Buffer;
}

/** Starts the stand-in on 127.0.0.1 (a free port). */
export async function startStandInOpenAI(options: StandInOptions): Promise<StandInServer> {
  const latency = Math.max(0, options.latencyMs);
  const chance = seededRandom(options.seed ?? 1);
  const replies = replyTemplates(options.text ?? DEFAULT_TEXT, options.usage);
  const arrived: number[] = [];
  const answered: number[] = [];
  const clock = () => performance.timeOrigin + performance.now();
  let count = 0;
  let served = 0;
  let first: Buffer | undefined;

  // Calls come due in arrival order (one latency for all): a FIFO and one timer for its head.
  const queue: Waiting[] = [];
  let head = 0;
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    if (timer || head >= queue.length) return;
    timer = setTimeout(release, Math.max(1, Math.ceil(queue[head]!.due - performance.now())));
  };
  const release = () => {
    timer = undefined;
    const now = performance.now();
    while (head < queue.length && queue[head]!.due <= now) {
      const call = queue[head]!;
      queue[head++] = undefined as unknown as Waiting;
      answer(call);
    }
    if (head === queue.length) {
      queue.length = 0;
      head = 0;
    }
    arm();
  };

  const answer = ({ res, index, body }: Waiting) => {
    served++;
    if (res.destroyed) return;
    if (options.rateLimitFraction && chance() < options.rateLimitFraction)
      send(res, 429, 'application/json', replies.rateLimited, index, [['retry-after', '0']]);
    else if (body.includes(STREAM_FLAG))
      send(res, 200, 'text/event-stream', replies.sse(index, modelOf(body)), index);
    else send(res, 200, 'application/json', replies.json(index, modelOf(body)), index);
    if (options.record) answered[index] = clock();
  };

  const sockets = new Set<Socket>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      req.resume();
      send(res, 404, 'application/json', replies.notFound, -1);
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const index = count++;
      const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      first ??= body;
      if (options.record) arrived[index] = clock();
      const call = { res, due: performance.now() + latency, index, body };
      if (latency === 0) answer(call);
      else {
        queue.push(call);
        arm();
      }
    });
  });
  // Keep-alive longer than any case's latency plus the caller's pauses between rounds.
  server.keepAliveTimeout = 60_000;
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.on('close', () => sockets.delete(socket));
  });
  // A deep accept queue: hundreds of lanes connect at once when a run starts.
  await new Promise<void>((resolve) =>
    server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, resolve),
  );
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    arrived,
    answered,
    served: () => served,
    firstBody: () => first,
    close: () =>
      new Promise<void>((resolve) => {
        if (timer) clearTimeout(timer);
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string,
  index: number,
  extra: [string, string][] = [],
): void {
  const headers = [
    'content-type',
    type,
    'content-length',
    String(Buffer.byteLength(body)),
    'x-request-id',
    `req_standin_${index + 1}`,
  ];
  for (const [k, v] of extra) headers.push(k, v);
  res.writeHead(status, headers);
  res.end(body);
}

/** The model name the body asks for (its first `"model":"..."`), without parsing the JSON. */
function modelOf(body: Buffer): string {
  const at = body.indexOf(MODEL_KEY);
  if (at < 0) return 'stand-in-model';
  const start = at + MODEL_KEY.length;
  const end = body.indexOf(34 /* " */, start);
  const name = end > start ? body.toString('utf8', start, Math.min(end, start + 200)) : '';
  // A name with escapes would need JSON decoding; such names are not worth a parse here.
  return name.length > 0 && !name.includes('\\') ? name : 'stand-in-model';
}

/** Pre-rendered reply texts: only the id and the model name change per call. */
function replyTemplates(text: string, usage = { input: 2700, output: 12 }) {
  const usageJson = JSON.stringify({
    prompt_tokens: usage.input,
    completion_tokens: usage.output,
    total_tokens: usage.input + usage.output,
  });
  const message = JSON.stringify({ role: 'assistant', content: text });
  const jsonTail = `,"choices":[{"index":0,"message":${message},"finish_reason":"stop"}],"usage":${usageJson}}`;
  const chunk = (id: string, model: string, rest: string) =>
    `data: {"id":"${id}","object":"chat.completion.chunk","created":${CREATED},"model":${JSON.stringify(model)},${rest}}\n\n`;
  return {
    json: (index: number, model: string) =>
      `{"id":"chatcmpl-${index + 1}","object":"chat.completion","created":${CREATED},"model":${JSON.stringify(model)}${jsonTail}`,
    sse: (index: number, model: string) => {
      const id = `chatcmpl-${index + 1}`;
      return (
        chunk(
          id,
          model,
          `"choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]`,
        ) +
        chunk(
          id,
          model,
          `"choices":[{"index":0,"delta":{"content":${JSON.stringify(text)}},"finish_reason":null}]`,
        ) +
        chunk(id, model, `"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]`) +
        chunk(id, model, `"choices":[],"usage":${usageJson}`) +
        'data: [DONE]\n\n'
      );
    },
    rateLimited: JSON.stringify({
      error: { message: 'stand-in rate limit', type: 'rate_limit_exceeded', code: null },
    }),
    notFound: JSON.stringify({
      error: {
        message: 'only POST /v1/chat/completions',
        type: 'invalid_request_error',
        code: null,
      },
    }),
  };
}
