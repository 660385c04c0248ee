/**
 * A test double for `AgentModel`: returns queued responses in order and records every
 * request it was given. A queued `Error` is thrown instead of returned.
 * @example
 *   const model = scriptedModel([reply('hi', [toolCall('read_inbox')]), reply('done')]);
 *   await runTrial(scenario, model, { protocol: 'tools', sample: 0, seed: 1 });
 *   model.requests.length // 2
 */
import type { AgentModel, ModelRequest, ModelResponse, ToolCall } from '../model.js';

export interface ScriptedModel extends AgentModel {
  /** Every request received, in order (messages copied at call time). */
  readonly requests: ModelRequest[];
  /** Responses not yet consumed. */
  readonly remaining: number;
}

export type ScriptedStep =
  Partial<ModelResponse> | Error | ((request: ModelRequest) => Partial<ModelResponse>);

/** A model that plays `steps` in order; when they run out it answers with an empty stop. */
export function scriptedModel(steps: ScriptedStep[], id = 'test:scripted'): ScriptedModel {
  const queue = [...steps];
  const requests: ModelRequest[] = [];
  return {
    id,
    kind: 'language-model',
    requests,
    get remaining() {
      return queue.length;
    },
    async generate(request: ModelRequest): Promise<ModelResponse> {
      requests.push({ ...request, messages: structuredClone(request.messages) });
      const step = queue.shift() ?? {};
      if (step instanceof Error) throw step;
      const partial = typeof step === 'function' ? step(request) : step;
      const toolCalls = partial.toolCalls ?? [];
      return {
        text: '',
        finishReason: toolCalls.length > 0 ? 'tool-calls' : 'stop',
        usage: { inputTokens: 10, outputTokens: 5 },
        latencyMs: 0,
        ...partial,
        toolCalls,
      };
    },
  };
}

/** A response with text and optional tool calls. */
export function reply(
  text: string,
  toolCalls: ToolCall[] = [],
  extra: Partial<ModelResponse> = {},
): Partial<ModelResponse> {
  return { text, toolCalls, ...extra };
}

let nextCallId = 0;
/** A tool call with a unique id. */
export function toolCall(name: string, args: unknown = {}, id = `call-${++nextCallId}`): ToolCall {
  return { id, name, args };
}
