/**
 * A local server speaking OpenAI chat completions (`POST /v1/chat/completions`): JSON and
 * SSE streaming (`data:` chunks, then `[DONE]`), incremental tool-call arguments, the
 * `reasoning_content` field of OpenAI-compatible reasoning models, and usage.
 */
import { pieces, sseFrame, startMockServer, type WireFormat } from './mock-server.js';
import {
  argumentsText,
  type MockMessage,
  type MockScript,
  type MockServer,
  type MockServerOptions,
  type RecordedRequest,
} from './script.js';

const created = 1_760_000_000;

function finishReason(message: MockMessage): string {
  return message.stopReason ?? (message.toolCalls?.length ? 'tool_calls' : 'stop');
}

function usage(message: MockMessage) {
  const u = message.usage ?? { input: 12, output: 7 };
  return {
    prompt_tokens: u.input,
    completion_tokens: u.output,
    total_tokens: u.input + u.output,
    ...(u.reasoning !== undefined && {
      completion_tokens_details: { reasoning_tokens: u.reasoning },
    }),
  };
}

function modelOf(request: RecordedRequest): string {
  return String(request.body['model'] ?? 'mock-model');
}

const openAIFormat: WireFormat = {
  basePath: '/v1',
  requestIdHeader: 'x-request-id',
  errorBody: (status, message) => ({
    error: {
      message,
      type:
        status === 429
          ? 'rate_limit_exceeded'
          : status >= 500
            ? 'server_error'
            : 'invalid_request_error',
      code: null,
    },
  }),
  json(message, request, index) {
    const toolCalls = message.toolCalls?.map((call, i) => ({
      id: call.id ?? `call_${index}_${i}`,
      type: 'function',
      function: { name: call.name, arguments: argumentsText(call) },
    }));
    return {
      id: `chatcmpl-${index + 1}`,
      object: 'chat.completion',
      created,
      model: modelOf(request),
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: message.text ?? null,
            ...(message.reasoning !== undefined && { reasoning_content: message.reasoning }),
            ...(toolCalls?.length && { tool_calls: toolCalls }),
          },
          finish_reason: finishReason(message),
        },
      ],
      usage: usage(message),
    };
  },
  sse(message, request, index) {
    const base = {
      id: `chatcmpl-${index + 1}`,
      object: 'chat.completion.chunk',
      created,
      model: modelOf(request),
    };
    const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
      sseFrame({ ...base, choices: [{ index: 0, delta, finish_reason: finish }] });
    const frames = [chunk({ role: 'assistant', content: '' })];
    for (const part of message.reasoning ? pieces(message.reasoning) : [])
      frames.push(chunk({ reasoning_content: part }));
    for (const part of message.text ? pieces(message.text) : [])
      frames.push(chunk({ content: part }));
    message.toolCalls?.forEach((call, i) => {
      frames.push(
        chunk({
          tool_calls: [
            {
              index: i,
              id: call.id ?? `call_${index}_${i}`,
              type: 'function',
              function: { name: call.name, arguments: '' },
            },
          ],
        }),
      );
      for (const part of pieces(argumentsText(call)))
        frames.push(chunk({ tool_calls: [{ index: i, function: { arguments: part } }] }));
    });
    frames.push(chunk({}, finishReason(message)));
    frames.push(sseFrame({ ...base, choices: [], usage: usage(message) }));
    frames.push(sseFrame('[DONE]'));
    return frames;
  },
};

/** Starts a mock OpenAI chat-completions server on 127.0.0.1 (random port). `url` ends in `/v1`. */
export function startMockOpenAI(
  script: MockScript,
  options?: MockServerOptions,
): Promise<MockServer> {
  return startMockServer(openAIFormat, script, options);
}
