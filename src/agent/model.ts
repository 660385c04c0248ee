/**
 * The seam between turncoat and any model: one method. Real providers (AI SDK), the
 * scripted reference agents and test doubles all implement `AgentModel`.
 */
import type { RenderedScenario } from '../scenario/rendered.js';

export interface ToolCall {
  id: string;
  name: string;
  /** Parsed arguments as the model gave them; validated by the world tool, not here. */
  args: unknown;
  /**
   * Set when the provider could not parse the call (malformed argument JSON, unknown tool);
   * `args` then holds the raw text. The loop reports it back to the model as an error result.
   */
  parseError?: string;
  /**
   * Signed thinking blocks that preceded this call (Anthropic extended thinking), set on a
   * response's first tool call. Opaque: keep it as is in the assistant message, because the
   * API requires these blocks back when a tool-use turn continues.
   */
  providerReasoning?: Array<{ text: string; signature?: string; redactedData?: string }>;
}

export type ChatMessage =
  | { role: 'user'; content: string }
  | { role: 'assistant'; content: string; reasoning?: string; toolCalls?: ToolCall[] }
  | { role: 'tool'; toolCallId: string; toolName: string; content: string; isError: boolean };

export interface ToolSpec {
  name: string;
  description: string;
  /** JSON Schema of the arguments. */
  parameters: Record<string, unknown>;
}

export interface GenerationSettings {
  temperature?: number;
  maxTokens?: number;
  /** Token budget for extended thinking / reasoning, where the provider has one. */
  reasoningBudget?: number;
  /** Per-call timeout in milliseconds. */
  timeoutMs?: number;
}

export interface ModelRequest {
  system: string;
  messages: ChatMessage[];
  /** Present for the `tools` protocol only. */
  tools?: ToolSpec[];
  settings: GenerationSettings;
  /** Trial sample index and seed, so scripted agents are deterministic per sample. */
  sample: number;
  seed: number;
  /**
   * The rendered scenario. Only the scripted reference agents read it (they are not
   * language models and need to know which act the pack defines as harmful).
   */
  scenario?: RenderedScenario;
}

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  reasoningTokens?: number;
}

export interface ModelResponse {
  text: string;
  /** The model's own reasoning, where the provider exposes it. */
  reasoning?: string;
  toolCalls: ToolCall[];
  finishReason: 'stop' | 'tool-calls' | 'length' | 'content-filter' | 'error' | 'other';
  usage: Usage;
  requestId?: string;
  latencyMs: number;
  /** True when the reply came from the response cache (no request was sent, nothing paid). */
  cached?: boolean;
}

export interface AgentModel {
  /** `provider:model` as the user wrote it. */
  id: string;
  /** Scripted reference agents are not language models; every output says so. */
  kind: 'reference' | 'language-model';
  /**
   * Settings this model applies under each request's own (a config's per-model settings)
   * and the base URL it calls: both shape the reply, so the response cache keys on them.
   */
  defaults?: GenerationSettings;
  baseURL?: string;
  generate(request: ModelRequest, signal?: AbortSignal): Promise<ModelResponse>;
}
