/**
 * One model request as Anthropic Messages `params` (what a Message Batches request carries),
 * and a message back as a `ModelResponse`. Pure: no I/O.
 */
import type { ChatMessage, ModelRequest, ModelResponse, ToolCall } from '../../agent/model.js';
import { planGeneration } from '../../agent/providers/quirks.js';

/** Anthropic requires `max_tokens`; this is what a request without one gets. */
export const DEFAULT_MAX_TOKENS = 4096;

type Block = Record<string, unknown>;

/**
 * The Messages params for a request: consecutive tool results become one user turn of
 * `tool_result` blocks; signed thinking blocks go back before the tool calls they preceded.
 * @example messageParams('claude-sonnet-4-5', request).max_tokens // 4096
 */
export function messageParams(model: string, request: ModelRequest): Record<string, unknown> {
  const plan = planGeneration('anthropic', model, request.settings);
  const thinking = (plan.providerOptions['anthropic'] as { thinking?: { budgetTokens: number } })
    ?.thinking;
  const messages: { role: 'user' | 'assistant'; content: string | Block[] }[] = [];
  for (const message of request.messages) {
    if (message.role === 'tool') {
      const block = {
        type: 'tool_result',
        tool_use_id: message.toolCallId,
        content: message.content,
        ...(message.isError && { is_error: true }),
      };
      const last = messages.at(-1);
      if (last?.role === 'user' && Array.isArray(last.content)) last.content.push(block);
      else messages.push({ role: 'user', content: [block] });
    } else messages.push(toWire(message));
  }
  const maxTokens = plan.maxOutputTokens ?? DEFAULT_MAX_TOKENS;
  const params: Record<string, unknown> = {
    model,
    max_tokens: thinking ? Math.max(maxTokens, thinking.budgetTokens + 1024) : maxTokens,
    system: request.system,
    messages,
  };
  if (plan.temperature !== undefined) params['temperature'] = plan.temperature;
  if (thinking) params['thinking'] = { type: 'enabled', budget_tokens: thinking.budgetTokens };
  if (request.tools?.length) {
    params['tools'] = request.tools.map((t) => ({
      name: t.name,
      description: t.description,
      input_schema: t.parameters,
    }));
  }
  return params;
}

function toWire(message: Exclude<ChatMessage, { role: 'tool' }>) {
  if (message.role === 'user') return { role: 'user' as const, content: message.content };
  const blocks: Block[] = [];
  for (const r of message.toolCalls?.[0]?.providerReasoning ?? []) {
    if (r.redactedData !== undefined) blocks.push({ type: 'redacted_thinking', data: r.redactedData });
    else blocks.push({ type: 'thinking', thinking: r.text, signature: r.signature ?? '' });
  } // prettier-ignore
  if (message.content !== '') blocks.push({ type: 'text', text: message.content });
  for (const call of message.toolCalls ?? [])
    blocks.push({ type: 'tool_use', id: call.id, name: call.name, input: call.args ?? {} });
  return { role: 'assistant' as const, content: blocks };
}

interface WireMessage {
  id?: string;
  content?: {
    type: string;
    text?: string;
    thinking?: string;
    signature?: string;
    data?: string;
    id?: string;
    name?: string;
    input?: unknown;
  }[];
  stop_reason?: string | null;
  usage?: { input_tokens?: number; output_tokens?: number };
}

const STOP: Record<string, ModelResponse['finishReason']> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  tool_use: 'tool-calls',
  max_tokens: 'length',
  refusal: 'content-filter',
};

/** A message (a `succeeded` batch result's `message`) as a `ModelResponse`. */
export function responseFromMessage(value: unknown, latencyMs: number): ModelResponse {
  const message = value as WireMessage;
  if (!Array.isArray(message.content)) throw new Error('message without content blocks');
  const text: string[] = [];
  const reasoning: NonNullable<ToolCall['providerReasoning']> = [];
  const toolCalls: ToolCall[] = [];
  for (const block of message.content) {
    if (block.type === 'text') text.push(block.text ?? '');
    else if (block.type === 'thinking')
      reasoning.push({ text: block.thinking ?? '', ...(block.signature && { signature: block.signature }) }); // prettier-ignore
    else if (block.type === 'redacted_thinking')
      reasoning.push({ text: '', redactedData: block.data ?? '' });
    else if (block.type === 'tool_use')
      toolCalls.push({ id: block.id ?? '', name: block.name ?? '', args: block.input ?? {} });
  }
  if (toolCalls[0] && reasoning.length > 0) toolCalls[0].providerReasoning = reasoning;
  const response: ModelResponse = {
    text: text.join(''),
    toolCalls,
    finishReason: STOP[message.stop_reason ?? ''] ?? 'other',
    usage: {
      inputTokens: message.usage?.input_tokens ?? 0,
      outputTokens: message.usage?.output_tokens ?? 0,
    },
    latencyMs,
  };
  const thought = reasoning
    .map((r) => r.text)
    .filter(Boolean)
    .join('\n');
  if (thought) response.reasoning = thought;
  if (message.id) response.requestId = message.id;
  return response;
}
