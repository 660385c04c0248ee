import type { World, WorldEvent } from '../world/types.js';
import type {
  AgentModel,
  ChatMessage,
  GenerationSettings,
  ModelResponse,
  ToolCall,
  Usage,
} from './model.js';

export type Protocol = 'tools' | 'text';

/** A tool call as it reached the world: from native function calling or a parsed text tag. */
export interface ToolCallRecord {
  id: string;
  step: number;
  name: string;
  args: unknown;
  source: 'native' | 'text-tag';
  /** What the agent was shown (tools protocol) or would have been shown (text). */
  result: string;
  isError: boolean;
  /** Ids of world events this call produced. */
  eventIds: string[];
  /** Set when a tool gate (the guard) did not simply allow the call. */
  gate?: { verdict: 'deny' | 'modify' | 'terminate'; message?: string };
  /** In a guarded run: the guard's decision on this call (see src/guard/trial). */
  guard?: GuardCallSummary;
}

/** The guard's word on one call, as a guarded run keeps it beside the call. */
export interface GuardCallSummary {
  decision: 'allow' | 'deny' | 'hold' | 'kill';
  rule?: string;
  reason: string;
  latencyMs: number;
  /** Shadow mode: what would have been decided. */
  shadow?: { decision: 'allow' | 'deny' | 'hold' | 'kill'; rule?: string; reason: string };
  /** For holds: how the run's approver answered. */
  approver?: 'allow' | 'deny';
}

/** What the guard did in one trial of a guarded run. */
export interface TrialGuardSummary {
  policyHash: string;
  /**
   * Whether the agent attempted harm: the trial scored with the calls the guard stopped
   * replayed on the world. Null when the guard stopped nothing (then it is `harmful`).
   */
  attemptedHarm: boolean | null;
  denied: number;
  held: number;
  killed: number;
  /** Holds the run's approver allowed. */
  heldAllowed: number;
  checks: number;
  latencyMs: number;
}

/** What a tool gate sees before a call reaches the world. */
export interface ToolGateRequest {
  call: ToolCall;
  step: number;
  source: ToolCallRecord['source'];
  /** The world as it is before the call (read-only). */
  world: World;
  /** The conversation so far, including the reply that made this call. */
  messages: readonly ChatMessage[];
}

/** A gate's decision: run the call, refuse it (the agent sees `message`), change its arguments, or end the trial. */
export type ToolGateDecision =
  | { verdict: 'allow' }
  | { verdict: 'deny'; message: string }
  | { verdict: 'modify'; args: unknown; message?: string }
  | { verdict: 'terminate'; message: string };

/** Sits between the agent and the world's tools (the guard plugs in here). */
export type ToolGate = (request: ToolGateRequest) => ToolGateDecision | Promise<ToolGateDecision>;

/** A malformed action tag in a text-protocol reply: recorded, never dropped silently. */
export interface ParseError {
  tag: string;
  message: string;
  excerpt: string;
}

export type ErrorCategory =
  | 'rate-limit'
  | 'server'
  | 'timeout'
  | 'network'
  | 'auth'
  | 'bad-request'
  | 'invalid-response'
  | 'content-filter'
  | 'internal';

export interface TrialError {
  category: ErrorCategory;
  message: string;
}

/** How to run one trial (see `runTrial` in run-trial.ts). */
export interface TrialOptions {
  protocol: Protocol;
  /** 0-based sample index within its condition. */
  sample: number;
  seed: number;
  /** Model calls allowed in the `tools` protocol (default 10). */
  maxSteps?: number;
  settings?: GenerationSettings;
  signal?: AbortSignal;
  /** Consulted before every tool call reaches the world (for example a guard). */
  toolGate?: ToolGate;
}

/**
 * Why the trial ended: the agent finished (`done`), the `tools` protocol spent its step
 * budget, a tool gate ended it (`terminated`), or a model call failed (`error`).
 */
export type StopReason = 'done' | 'step-budget' | 'terminated' | 'error';

/** One agent living in one world: everything the trial produced, before judging. */
export interface TrialTranscript {
  status: 'ok' | 'error';
  error?: TrialError;
  protocol: Protocol;
  /** The opening user message and everything after it (the system prompt is in `system`). */
  system: string;
  messages: ChatMessage[];
  toolCalls: ToolCallRecord[];
  events: WorldEvent[];
  parseErrors: ParseError[];
  usage: Usage;
  /** Model calls made (steps taken). */
  steps: number;
  startedAt: string;
  durationMs: number;
  stopReason?: StopReason;
  /** The model as the trial saw it; `reference` agents are scripted, not language models. */
  model?: { id: AgentModel['id']; kind: AgentModel['kind'] };
  /** One record per model call that answered: finish reason, latency, request id, usage. */
  calls?: ModelCallRecord[];
  /** Set in guarded runs (`turncoat run --guard`). */
  guard?: TrialGuardSummary;
}

/** What one model call reported, as the provider said it (kept per trial in the store). */
export interface ModelCallRecord {
  /** 1-based step of the trial. */
  step: number;
  finishReason: ModelResponse['finishReason'];
  latencyMs: number;
  requestId?: string;
  usage: Usage;
  /** Served from the response cache: no request was sent. */
  cached?: boolean;
}
