/**
 * One model request as an OpenAI chat-completions body (what a batch input line carries in
 * `body`), and a chat completion back as a `ModelResponse`. Pure: no I/O.
 */
import type { ChatMessage, ModelRequest, ModelResponse, ToolCall } from '../../agent/model.js';
import { isOpenAIReasoningModel, planGeneration } from '../../agent/providers/quirks.js';
import type { ProviderName } from '../../agent/providers/model-id.js';

/**
 * The chat-completions body for a request, with the same quirks as a live call (reasoning
 * models get `max_completion_tokens` and an effort instead of a temperature).
 * @example chatCompletionBody('openai', 'gpt-4.1', request).messages[0] // { role: 'system', content: ... }
 */
export function chatCompletionBody(
  provider: ProviderName,
  model: string,
  request: ModelRequest,
): Record<string, unknown> {
  const plan = planGeneration(provider, model, request.settings);
  const effort = (plan.providerOptions['openai'] as { reasoningEffort?: string } | undefined)
    ?.reasoningEffort;
  const reasoningModel = provider === 'openai' && isOpenAIReasoningModel(model);
  const body: Record<string, unknown> = {
    model,
    messages: [{ role: 'system', content: request.system }, ...request.messages.map(toWire)],
  };
  if (plan.temperature !== undefined) body['temperature'] = plan.temperature;
  if (plan.maxOutputTokens !== undefined)
    body[reasoningModel ? 'max_completion_tokens' : 'max_tokens'] = plan.maxOutputTokens;
  if (effort) body['reasoning_effort'] = effort;
  if (request.tools?.length) {
    body['tools'] = request.tools.map((t) => ({
      type: 'function',
      function: { name: t.name, description: t.description, parameters: t.parameters },
    }));
  }
  return body;
}

function toWire(message: ChatMessage): Record<string, unknown> {
  switch (message.role) {
    case 'user':
      return { role: 'user', content: message.content };
    case 'tool':
      return { role: 'tool', tool_call_id: message.toolCallId, content: message.content };
    case 'assistant':
      return {
        role: 'assistant',
        content: message.content === '' && message.toolCalls?.length ? null : message.content,
        ...(message.toolCalls?.length && {
          tool_calls: message.toolCalls.map((c) => ({
            id: c.id,
            type: 'function',
            function: {
              name: c.name,
              arguments: typeof c.args === 'string' ? c.args : JSON.stringify(c.args),
            },
          })),
        }),
      };
  }
}

interface WireCompletion {
  id?: string;
  choices?: {
    message?: {
      content?: string | null;
      reasoning_content?: string | null;
      tool_calls?: { id: string; function: { name: string; arguments: string } }[];
    };
    finish_reason?: string;
  }[];
  usage?: {
    prompt_tokens?: number;
    completion_tokens?: number;
    completion_tokens_details?: { reasoning_tokens?: number };
  };
}

const FINISH: Record<string, ModelResponse['finishReason']> = {
  stop: 'stop',
  tool_calls: 'tool-calls',
  function_call: 'tool-calls',
  length: 'length',
  content_filter: 'content-filter',
};

/**
 * A chat completion (a batch output line's `response.body`) as a `ModelResponse`. Throws
 * when the body has no choice: the caller records that request as failed.
 */
export function responseFromCompletion(
  value: unknown,
  requestId: string | undefined,
  latencyMs: number,
): ModelResponse {
  const completion = value as WireCompletion;
  const choice = completion.choices?.[0];
  if (!choice?.message) throw new Error('chat completion without a choice');
  const toolCalls: ToolCall[] = (choice.message.tool_calls ?? []).map((c) => {
    try {
      return { id: c.id, name: c.function.name, args: JSON.parse(c.function.arguments || '{}') };
    } catch {
      return {
        id: c.id,
        name: c.function.name,
        args: c.function.arguments,
        parseError: 'arguments are not valid JSON',
      };
    }
  });
  const usage = completion.usage ?? {};
  const reasoningTokens = usage.completion_tokens_details?.reasoning_tokens;
  const response: ModelResponse = {
    text: choice.message.content ?? '',
    toolCalls,
    finishReason: FINISH[choice.finish_reason ?? ''] ?? 'other',
    usage: {
      inputTokens: usage.prompt_tokens ?? 0,
      outputTokens: usage.completion_tokens ?? 0,
      ...(reasoningTokens !== undefined && { reasoningTokens }),
    },
    latencyMs,
  };
  if (choice.message.reasoning_content) response.reasoning = choice.message.reasoning_content;
  const id = requestId ?? completion.id;
  if (id) response.requestId = id;
  return response;
}
