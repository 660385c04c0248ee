/**
 * What a mock provider server should answer, one reply per request: a model message, an
 * HTTP error, or a fault (hang, cut stream, garbage). Shared by the OpenAI and Anthropic
 * mocks, which each turn a `MockMessage` into their own wire format.
 */
import type { IncomingHttpHeaders } from 'node:http';

export interface MockToolCall {
  id?: string;
  name: string;
  /** Arguments as an object, or a raw string sent verbatim (use it for malformed JSON). */
  args: unknown;
}

export interface MockMessage {
  kind: 'message';
  text?: string;
  reasoning?: string;
  toolCalls?: MockToolCall[];
  /** Wire-level stop reason; defaults to the natural one for the content. */
  stopReason?: string;
  usage?: { input: number; output: number; reasoning?: number };
}

export type MockReply =
  | MockMessage
  | { kind: 'status'; status: number; retryAfter?: string; retryAfterMs?: number; message?: string }
  /** Accept the request and never answer (until the client gives up). */
  | { kind: 'hang' }
  /** Send the first part of the response, then drop the connection. */
  | { kind: 'cut' }
  /** Send the first part of the response, then end it cleanly (no closing event). */
  | { kind: 'truncate' }
  /** 200 with a body that is not the protocol's JSON. */
  | { kind: 'garbage' };

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
  /** True when the request asked for an SSE stream. */
  stream: boolean;
}

/** A queue of replies (the last one repeats) or a function of the request. */
export type MockScript = MockReply[] | ((request: RecordedRequest, index: number) => MockReply);

export interface MockServerOptions {
  /** Delay before each answer, in milliseconds. */
  latencyMs?: number;
  /** Answer this fraction of calls with 429 (decided by a seeded generator). */
  rateLimitFraction?: number;
  seed?: number;
  /** Awaited before each answer (after the latency): a test holds replies back with it. */
  hold?: (request: RecordedRequest) => Promise<void> | void;
}

export interface MockServer {
  url: string;
  requests: RecordedRequest[];
  /** Request ids (`req_mock_N`) of model messages delivered whole to a connected client. */
  delivered: string[];
  /** TCP connections accepted so far (keep-alive reuse shows as fewer than requests). */
  connections(): number;
  close(): Promise<void>;
}

/** Shorthands for scripting replies. */
export const reply = {
  text: (text: string, extra: Partial<MockMessage> = {}): MockMessage => ({
    kind: 'message',
    text,
    ...extra,
  }),
  toolCall: (name: string, args: unknown, extra: Partial<MockMessage> = {}): MockMessage => ({
    kind: 'message',
    toolCalls: [{ name, args }],
    ...extra,
  }),
  empty: (): MockMessage => ({ kind: 'message', text: '' }),
  rateLimit: (retryAfterSeconds = 0): MockReply => ({
    kind: 'status',
    status: 429,
    retryAfter: String(retryAfterSeconds),
  }),
  serverError: (status = 500): MockReply => ({ kind: 'status', status }),
  status: (status: number, message?: string): MockReply => ({ kind: 'status', status, message }),
  hang: (): MockReply => ({ kind: 'hang' }),
  cut: (): MockReply => ({ kind: 'cut' }),
  truncate: (): MockReply => ({ kind: 'truncate' }),
  garbage: (): MockReply => ({ kind: 'garbage' }),
};

/** mulberry32: a small seeded generator, so "fail 30% of calls" is the same every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks the reply for the `index`-th request, applying the seeded 429 fraction first. */
export function pickReply(
  script: MockScript,
  request: RecordedRequest,
  index: number,
  chance: () => number,
  options: MockServerOptions,
): MockReply {
  if (options.rateLimitFraction && chance() < options.rateLimitFraction) return reply.rateLimit(0);
  if (typeof script === 'function') return script(request, index);
  const fallback: MockReply = { kind: 'status', status: 500, message: 'mock script is empty' };
  return script[Math.min(index, script.length - 1)] ?? fallback;
}

/** Normalises a scripted tool call's arguments to the JSON text sent on the wire. */
export function argumentsText(call: MockToolCall): string {
  return typeof call.args === 'string' ? call.args : JSON.stringify(call.args ?? {});
}
