/**
 * A lean path for `openai-compatible:` chat completions without streaming: one POST over a
 * keep-alive undici connection pool, the reply parsed for only what a trial keeps. It sends the
 * body the AI SDK's `@ai-sdk/openai-compatible` would send, maps text, reasoning, tool calls,
 * finish reason and usage as `generateText` would, and raises the SDK's `APICallError` on
 * HTTP failures, so `ProviderError.from` classifies (and the retries treat) every failure as
 * before. `openai-compatible-chat.test.ts` holds both paths to the same recorded requests
 * and responses; the provider contract suite runs against this one.
 *
 * Why: at 64+ trials in flight the SDK's fetch, web streams and per-response schema checks
 * cost several milliseconds of CPU per call, which capped the runner below the
 * concurrency/latency bound (`npm run bench -- --peer promptfoo`).
 */
import { randomUUID } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import { STATUS_CODES } from 'node:http';
import { APICallError } from '@ai-sdk/provider';
import { Agent, type Dispatcher } from 'undici';
import type { AgentModel, ChatMessage, ModelRequest, ModelResponse, ToolSpec } from '../model.js';
import { toModelResponse, type AiSdkModelOptions } from './ai-sdk-model.js';
import { jsonText, sameJson } from '../../text/json-text.js';
import { ProviderError } from './classify-error.js';
import type { ParsedModelId } from './model-id.js';
import { planGeneration } from './quirks.js';
import { sharedAbort } from './shared-abort.js';

/**
 * One connection pool per process (undici's, the client inside Node's fetch, used directly).
 * Connections stay open between trials; no timeouts of its own (a slow model is cut by the
 * run's timeout signal, as before). node:http's agents were tried here on 2026-12-01: 0.1-0.2 s
 * faster at 512 calls of 2 s, about 10% more CPU there (docs/peer-benchmark.md, ninth round).
 */
const pool = new Agent({ headersTimeout: 0, bodyTimeout: 0 });

export interface OpenAICompatibleChatOptions extends Pick<
  AiSdkModelOptions,
  'settings' | 'secrets'
> {
  baseURL: string;
  apiKey?: string;
}

/**
 * An `AgentModel` speaking OpenAI-compatible chat completions directly.
 * @example openAICompatibleChat('openai-compatible:qwen3@http://127.0.0.1:8000/v1', parsed, { baseURL: 'http://127.0.0.1:8000/v1' })
 */
export function openAICompatibleChat(
  id: string,
  parsed: ParsedModelId,
  options: OpenAICompatibleChatOptions,
): AgentModel {
  const url = endpoint(`${options.baseURL.replace(/\/$/, '')}/chat/completions`);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.apiKey) headers['authorization'] = `Bearer ${options.apiKey}`;
  return {
    id,
    kind: 'language-model',
    async generate(request: ModelRequest, signal?: AbortSignal): Promise<ModelResponse> {
      const body = chatCompletionBody(
        parsed,
        { ...options.settings, ...request.settings },
        request,
      );
      const started = performance.now();
      try {
        const reply = await post(url, headers, body, signal);
        return toModelResponse(
          fromCompletion(reply, request.tools),
          Math.round(performance.now() - started),
        );
      } catch (error) {
        throw ProviderError.from(signal?.aborted ? signal.reason : error, options.secrets);
      }
    },
  };
}

type Json = Record<string, unknown>;

/** The request body, field for field (and in the order) `@ai-sdk/openai-compatible` sends it. */
export function chatCompletionBody(
  parsed: ParsedModelId,
  settings: ModelRequest['settings'],
  request: Pick<ModelRequest, 'system' | 'messages' | 'tools'>,
): Json {
  const plan = planGeneration(parsed.provider, parsed.model, settings);
  const tools = request.tools?.length ? request.tools.map(toolBody) : undefined;
  return {
    model: parsed.model,
    max_tokens: plan.maxOutputTokens,
    temperature: plan.temperature,
    messages: [
      { role: 'system', content: request.system },
      ...request.messages.flatMap(messageBody),
    ],
    tools,
    tool_choice: tools ? 'auto' : undefined,
  };
}

function toolBody(spec: ToolSpec): Json {
  return {
    type: 'function',
    function: { name: spec.name, description: spec.description, parameters: spec.parameters },
  };
}

function messageBody(message: ChatMessage): Json[] {
  if (message.role === 'user') return [{ role: 'user', content: message.content }];
  if (message.role === 'tool')
    return [{ role: 'tool', tool_call_id: message.toolCallId, content: message.content }];
  const calls = message.toolCalls ?? [];
  if (calls.length === 0) return [{ role: 'assistant', content: message.content }];
  const reasoning = (calls.find((c) => c.providerReasoning?.length)?.providerReasoning ?? [])
    .map((block) => block.text)
    .join('');
  return [
    {
      role: 'assistant',
      content: message.content || null,
      ...(reasoning.length > 0 && { reasoning_content: reasoning }),
      tool_calls: calls.map((call) => ({
        id: call.id,
        type: 'function',
        function: { name: call.name, arguments: argumentsText(call.args ?? {}) },
      })),
    },
  ];
}

/** Arguments as JSON text; a string that is already JSON goes as is (as the SDK does). */
function argumentsText(input: unknown): string {
  if (typeof input === 'string') {
    try {
      JSON.parse(input);
      return input;
    } catch {
      return JSON.stringify(input);
    }
  }
  return JSON.stringify(input);
}

interface Reply {
  body: Json;
  headers: Record<string, string>;
}

/** POSTs JSON and reads the JSON reply; HTTP failures come back as the SDK's APICallError. */
/**
 * Where the calls go, parsed once per model: a URL's getters build their strings anew on
 * every read, and `origin` showed up per call in the run's profile.
 */
interface Endpoint {
  href: string;
  origin: string;
  path: string;
}

function endpoint(text: string): Endpoint {
  const url = new URL(text);
  return { href: url.href, origin: url.origin, path: url.pathname + url.search };
}

async function post(
  url: Endpoint,
  headers: Record<string, string>,
  body: Json,
  signal: AbortSignal | undefined,
): Promise<Reply> {
  const failure = (fields: Partial<ConstructorParameters<typeof APICallError>[0]>) =>
    new APICallError({
      message: 'Invalid JSON response',
      url: url.href,
      requestBodyValues: body,
      ...fields,
    });
  // Failures before a reply (refused, reset, aborted) are rethrown as they are.
  const res = await pool.request({
    origin: url.origin,
    path: url.path,
    method: 'POST',
    headers,
    body: requestBytes(body),
    // The run's calls share their timeout signal: one listener on it for all of them.
    signal: signal ? (sharedAbort(signal) as unknown as EventEmitter) : null,
  });
  const status = res.statusCode;
  const responseHeaders = flatHeaders(res.headers);
  let text: string;
  try {
    text = await res.body.text();
    await connectionFreed();
  } catch (cause) {
    if (signal?.aborted) throw cause;
    // The reply started and the connection dropped: classified as a cut (network).
    throw failure({
      message: (cause as Error).message,
      statusCode: status,
      responseHeaders,
      cause,
      isRetryable: true,
    });
  }
  let parsed: unknown;
  let parseError: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    parseError = error;
  }
  if (status < 200 || status >= 300) {
    const message = (parsed as { error?: { message?: unknown } } | undefined)?.error?.message;
    throw failure({
      message: typeof message === 'string' ? message : statusText(status),
      statusCode: status,
      responseHeaders,
      responseBody: text,
      isRetryable: status === 408 || status === 409 || status === 429 || status >= 500,
      data: typeof message === 'string' ? parsed : undefined,
    });
  }
  const choices = (parsed as { choices?: unknown } | undefined)?.choices;
  if (parseError !== undefined || !Array.isArray(choices))
    throw failure({
      statusCode: status,
      responseHeaders,
      responseBody: text,
      cause: parseError ?? new TypeError('the reply has no choices array'),
    });
  return { body: parsed as Json, headers: responseHeaders };
}

/**
 * The last request body's bytes: every trial of a condition sends the same first request
 * (~11 KB), so it is encoded once and shared (undici only reads it). A Buffer also keeps the
 * body out of V8's young generation: a string body stays alive there until its answer comes,
 * and at hundreds of calls in flight every scavenge copied them all.
 */
let lastBody: { text: string; bytes: Buffer; value?: Json } | undefined;

/** `text` as UTF-8 bytes, shared with the previous call when the text is the same. */
export function bodyBytes(text: string): Buffer {
  if (lastBody?.text !== text) lastBody = { text, bytes: Buffer.from(text) };
  return lastBody.bytes;
}

/**
 * `body` as JSON text in UTF-8 bytes, shared with the previous call when the body is the
 * same value (`sameJson`: a walk over a dozen fields, where writing the ~11 KB text again and
 * comparing it cost a copy and a pass over every character on each call).
 * @example requestBytes(chatCompletionBody(parsed, settings, request))
 */
export function requestBytes(body: Json): Buffer {
  if (lastBody?.value !== undefined && sameJson(body, lastBody.value)) return lastBody.bytes;
  const bytes = bodyBytes(jsonText(body));
  lastBody!.value = body;
  return bytes;
}

/**
 * Resolves a turn of the event loop later. undici frees the connection of a finished reply
 * only after the current turn; a next call sent before that found every connection busy and
 * opened a new one (at 512 calls in flight, ~430 new connections per run, each a TCP
 * handshake on the main thread, and the old ones left idle).
 */
const connectionFreed = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The reason phrase node:http would have given (undici does not keep the server's). */
function statusText(status: number): string {
  return STATUS_CODES[status] ?? `HTTP ${status}`;
}

function flatHeaders(headers: Dispatcher.ResponseData['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers))
    if (value !== undefined) out[key] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

type RawResult = Parameters<typeof toModelResponse>[0];

interface WireToolCall {
  id?: string | null;
  function: { name: string; arguments: string };
}

interface WireChoice {
  message: {
    content?: string | Array<{ type: string; text?: string; thinking?: unknown }> | null;
    reasoning_content?: string | null;
    reasoning?: string | null;
    refusal?: string | null;
    tool_calls?: WireToolCall[] | null;
  };
  finish_reason?: string | null;
}

interface WireUsage {
  prompt_tokens?: number | null;
  completion_tokens?: number | null;
  completion_tokens_details?: { reasoning_tokens?: number | null } | null;
}

/** Maps a chat completion the way the SDK's provider and `generateText` do. */
function fromCompletion(reply: Reply, tools: readonly ToolSpec[] | undefined): RawResult {
  const choice = (reply.body['choices'] as WireChoice[])[0];
  if (!choice)
    throw new APICallError({
      message: 'Response did not contain any choices.',
      url: '',
      requestBodyValues: {},
      statusCode: 200,
    });
  const message = choice.message ?? {};
  const reasoning = message.reasoning_content ?? message.reasoning ?? '';
  let text = '';
  let reasoningText = reasoning;
  if (typeof message.content === 'string') text = message.content;
  else
    for (const part of message.content ?? []) {
      if (part.type === 'text' && typeof part.text === 'string') text += part.text;
      else if (part.type === 'thinking' && Array.isArray(part.thinking))
        reasoningText += (part.thinking as Array<{ type?: string; text?: unknown }>)
          .filter((c) => c?.type === 'text' && typeof c.text === 'string')
          .map((c) => c.text)
          .join('');
    }
  const refusal = message.refusal ?? '';
  text += refusal;
  const known = new Set((tools ?? []).map((t) => t.name));
  const usage = reply.body['usage'] as WireUsage | undefined | null;
  return {
    text,
    reasoningText: reasoningText.length > 0 ? reasoningText : undefined,
    reasoningParts: [],
    toolCalls: (message.tool_calls ?? []).map((call) =>
      parseToolCall(call.id ?? randomUUID(), call.function.name, call.function.arguments, known),
    ),
    finishReason: finishReason(choice.finish_reason, refusal.length > 0),
    // Only what `toModelResponse` reads; the SDK's other usage fields are not kept.
    usage: (usage
      ? {
          inputTokens: usage.prompt_tokens ?? 0,
          outputTokens: usage.completion_tokens ?? 0,
          outputTokenDetails: {
            textTokens: undefined,
            reasoningTokens: usage.completion_tokens_details?.reasoning_tokens ?? 0,
          },
        }
      : { inputTokens: undefined, outputTokens: undefined }) as RawResult['usage'],
    headers: reply.headers,
    responseId: typeof reply.body['id'] === 'string' ? reply.body['id'] : undefined,
  };
}

function finishReason(
  reason: string | null | undefined,
  refusal: boolean,
): RawResult['finishReason'] {
  switch (reason) {
    case 'stop':
      return refusal ? 'content-filter' : 'stop';
    case 'length':
      return 'length';
    case 'content_filter':
      return 'content-filter';
    case 'function_call':
    case 'tool_calls':
      return 'tool-calls';
    default:
      return 'other';
  }
}

/** As `generateText` parses a call: unknown tool or bad JSON makes an invalid call, input kept. */
function parseToolCall(
  toolCallId: string,
  toolName: string,
  input: string,
  known: ReadonlySet<string>,
): RawResult['toolCalls'][number] {
  if (!known.has(toolName)) {
    const available = [...known].join(', ');
    return {
      toolCallId,
      toolName,
      input: parseOr(input),
      invalid: true,
      error: new Error(
        `Model tried to call unavailable tool '${toolName}'. ${available ? `Available tools: ${available}.` : 'No tools are available.'}`,
      ),
    };
  }
  if (input.trim() === '') return { toolCallId, toolName, input: {} };
  try {
    return { toolCallId, toolName, input: JSON.parse(input) as unknown };
  } catch (cause) {
    return {
      toolCallId,
      toolName,
      input,
      invalid: true,
      error: new Error(
        `Invalid input for tool ${toolName}: JSON parsing failed: Text: ${input}.\nError message: ${(cause as Error).message}`,
      ),
    };
  }
}

function parseOr(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
