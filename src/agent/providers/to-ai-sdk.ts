/** Pure conversions from turncoat's messages and tool specs to the AI SDK's shapes. */
import type { jsonSchema as JsonSchema, ModelMessage, ToolSet } from 'ai';
import type { ChatMessage, ToolCall, ToolSpec } from '../model.js';

/**
 * Converts chat messages; consecutive tool results become one tool message (Anthropic wants
 * every result of a turn together). Reasoning goes back only as signed thinking blocks (`ToolCall.providerReasoning`).
 */
export function toModelMessages(messages: readonly ChatMessage[]): ModelMessage[] {
  const out: ModelMessage[] = [];
  for (const message of messages) {
    if (message.role === 'user') {
      out.push({ role: 'user', content: message.content });
    } else if (message.role === 'assistant') {
      const calls = message.toolCalls ?? [];
      if (calls.length === 0) {
        out.push({ role: 'assistant', content: message.content });
        continue;
      }
      out.push({
        role: 'assistant',
        content: [
          ...replayedReasoning(calls),
          ...(message.content ? [{ type: 'text' as const, text: message.content }] : []),
          ...calls.map((call) => ({
            type: 'tool-call' as const,
            toolCallId: call.id,
            toolName: call.name,
            input: call.args ?? {},
          })),
        ],
      });
    } else {
      const part = {
        type: 'tool-result' as const,
        toolCallId: message.toolCallId,
        toolName: message.toolName,
        output: message.isError
          ? { type: 'error-text' as const, value: message.content }
          : { type: 'text' as const, value: message.content },
      };
      const last = out[out.length - 1];
      if (last?.role === 'tool') last.content.push(part);
      else out.push({ role: 'tool', content: [part] });
    }
  }
  return out;
}

/** Signed thinking blocks go back first, as Anthropic requires when a tool-use turn continues. */
function replayedReasoning(calls: readonly ToolCall[]) {
  const blocks = calls.find((call) => call.providerReasoning?.length)?.providerReasoning ?? [];
  return blocks.map((block) => ({
    type: 'reasoning' as const,
    text: block.text,
    providerOptions: {
      anthropic: block.signature
        ? { signature: block.signature }
        : { redactedData: block.redactedData ?? '' },
    },
  }));
}

/**
 * Tool specs as AI SDK tools WITHOUT `execute`: the agent loop runs tools itself. `jsonSchema`
 * is the AI SDK's, from the `ai` module its caller loaded (so one copy of `ai` runs).
 * @example toToolSet(request.tools, (await import('ai')).jsonSchema)
 */
export function toToolSet(
  tools: readonly ToolSpec[] | undefined,
  jsonSchema: typeof JsonSchema,
): ToolSet | undefined {
  if (!tools || tools.length === 0) return undefined;
  const set: ToolSet = {};
  for (const spec of tools) {
    set[spec.name] = {
      description: spec.description,
      inputSchema: jsonSchema(spec.parameters as Parameters<typeof JsonSchema>[0]),
    };
  }
  return set;
}
