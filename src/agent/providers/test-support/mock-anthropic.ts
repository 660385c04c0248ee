/**
 * A local server speaking the Anthropic Messages API (`POST /v1/messages`): content blocks
 * (thinking, text, tool_use) as JSON, or the SSE event stream (message_start,
 * content_block_start/delta/stop, message_delta, message_stop).
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

function stopReason(message: MockMessage): string {
  return message.stopReason ?? (message.toolCalls?.length ? 'tool_use' : 'end_turn');
}

function usageOf(message: MockMessage) {
  return message.usage ?? { input: 12, output: 7 };
}

function modelOf(request: RecordedRequest): string {
  return String(request.body['model'] ?? 'mock-claude');
}

const errorTypes: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  429: 'rate_limit_error',
  529: 'overloaded_error',
};

const anthropicFormat: WireFormat = {
  basePath: '/v1',
  requestIdHeader: 'request-id',
  errorBody: (status, message) => ({
    type: 'error',
    error: { type: errorTypes[status] ?? 'api_error', message },
  }),
  json(message, request, index) {
    const content: unknown[] = [];
    if (message.reasoning !== undefined)
      content.push({ type: 'thinking', thinking: message.reasoning, signature: 'mock-signature' });
    if (message.text !== undefined) content.push({ type: 'text', text: message.text });
    message.toolCalls?.forEach((call, i) => {
      const input = typeof call.args === 'string' ? safeParse(call.args) : call.args;
      content.push({
        type: 'tool_use',
        id: call.id ?? `toolu_${index}_${i}`,
        name: call.name,
        input,
      });
    });
    const u = usageOf(message);
    return {
      id: `msg_${index + 1}`,
      type: 'message',
      role: 'assistant',
      model: modelOf(request),
      content,
      stop_reason: stopReason(message),
      stop_sequence: null,
      usage: { input_tokens: u.input, output_tokens: u.output },
    };
  },
  sse(message, request, index) {
    const u = usageOf(message);
    const frames = [
      sseFrame(
        {
          type: 'message_start',
          message: {
            id: `msg_${index + 1}`,
            type: 'message',
            role: 'assistant',
            model: modelOf(request),
            content: [],
            stop_reason: null,
            stop_sequence: null,
            usage: { input_tokens: u.input, output_tokens: 1 },
          },
        },
        'message_start',
      ),
    ];
    let block = 0;
    const blockFrames = (start: unknown, deltas: unknown[]) => {
      frames.push(
        sseFrame(
          { type: 'content_block_start', index: block, content_block: start },
          'content_block_start',
        ),
      );
      for (const delta of deltas)
        frames.push(
          sseFrame({ type: 'content_block_delta', index: block, delta }, 'content_block_delta'),
        );
      frames.push(sseFrame({ type: 'content_block_stop', index: block }, 'content_block_stop'));
      block += 1;
    };
    if (message.reasoning !== undefined) {
      blockFrames({ type: 'thinking', thinking: '', signature: '' }, [
        ...pieces(message.reasoning).map((thinking) => ({ type: 'thinking_delta', thinking })),
        { type: 'signature_delta', signature: 'mock-signature' },
      ]);
    }
    if (message.text !== undefined) {
      blockFrames(
        { type: 'text', text: '' },
        pieces(message.text).map((text) => ({ type: 'text_delta', text })),
      );
    }
    message.toolCalls?.forEach((call, i) => {
      blockFrames(
        { type: 'tool_use', id: call.id ?? `toolu_${index}_${i}`, name: call.name, input: {} },
        pieces(argumentsText(call)).map((partial_json) => ({
          type: 'input_json_delta',
          partial_json,
        })),
      );
    });
    frames.push(
      sseFrame(
        {
          type: 'message_delta',
          delta: { stop_reason: stopReason(message), stop_sequence: null },
          usage: { output_tokens: u.output },
        },
        'message_delta',
      ),
    );
    frames.push(sseFrame({ type: 'message_stop' }, 'message_stop'));
    return frames;
  },
};

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Starts a mock Anthropic Messages server on 127.0.0.1 (random port). `url` ends in `/v1`. */
export function startMockAnthropic(
  script: MockScript,
  options?: MockServerOptions,
): Promise<MockServer> {
  return startMockServer(anthropicFormat, script, options);
}
