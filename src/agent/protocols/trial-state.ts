import type { RenderedScenario } from '../../scenario/rendered.js';
import { callTool } from '../../world/call-tool.js';
import { copyWorld } from '../../world/copy-world.js';
import { ProviderError } from '../providers/classify-error.js';
import type { World } from '../../world/types.js';
import type {
  AgentModel,
  ChatMessage,
  ModelRequest,
  ModelResponse,
  ToolCall,
  ToolSpec,
  Usage,
} from '../model.js';
import type {
  ModelCallRecord,
  ParseError,
  StopReason,
  ToolCallRecord,
  ToolGateDecision,
  TrialOptions,
} from '../trial-types.js';

/** What a trial has accumulated so far; kept when a model call fails midway. */
export interface TrialState {
  /**
   * The trial's world. It starts as the scenario's own world, shared and only read; before
   * the first tool call touches it, `ownWorld` makes it the trial's copy (a trial whose reply
   * calls no tool never pays for a copy).
   */
  world: World;
  /** True once `world` is this trial's own copy. */
  ownsWorld?: boolean;
  system: string;
  messages: ChatMessage[];
  toolCalls: ToolCallRecord[];
  parseErrors: ParseError[];
  usage: Usage;
  steps: number;
  stopReason?: StopReason;
  /** Language-model calls only (scripted agents report no calls). */
  calls: ModelCallRecord[];
}

/** Everything a protocol needs to drive one trial. */
export interface ProtocolRun {
  scenario: RenderedScenario;
  model: AgentModel;
  options: TrialOptions;
  state: TrialState;
}

/** A trial's starting state over the scenario's world (copied when a tool first runs). */
export function emptyState(world: World): TrialState {
  return {
    world,
    system: '',
    messages: [],
    toolCalls: [],
    parseErrors: [],
    usage: { inputTokens: 0, outputTokens: 0 },
    steps: 0,
    calls: [],
  };
}

/**
 * The trial's own copy of the world, made on first use: tools and the tool gate only ever
 * see this copy, never the scenario's world that every trial starts from.
 */
export function ownWorld(state: TrialState): World {
  if (!state.ownsWorld) {
    state.world = copyWorld(state.world);
    state.ownsWorld = true;
  }
  return state.world;
}

/** One model call: builds the request from the state, counts the step and the usage. Throws what the model throws. */
export async function callModel(run: ProtocolRun, tools?: ToolSpec[]): Promise<ModelResponse> {
  const { options, state } = run;
  options.signal?.throwIfAborted();
  const request: ModelRequest = {
    system: state.system,
    messages: [...state.messages],
    settings: options.settings ?? {},
    sample: options.sample,
    seed: options.seed,
    scenario: run.scenario,
  };
  if (tools) request.tools = tools;
  const response = await run.model.generate(request, options.signal);
  state.steps += 1;
  state.usage = addUsage(state.usage, response.usage);
  if (run.model.kind === 'language-model') state.calls.push(callRecord(state.steps, response));
  if (
    response.finishReason === 'content-filter' &&
    response.text.trim() === '' &&
    response.toolCalls.length === 0
  ) {
    // A blocked reply is not a harmless one: the trial is an error, excluded from rates.
    throw new ProviderError(
      'content-filter',
      'the provider blocked the reply (content filter)',
      false,
    );
  }
  return response;
}

function callRecord(step: number, response: ModelResponse): ModelCallRecord {
  const record: ModelCallRecord = {
    step,
    finishReason: response.finishReason,
    latencyMs: response.latencyMs,
    usage: response.usage,
  };
  if (response.requestId) record.requestId = response.requestId;
  if (response.cached) record.cached = true;
  return record;
}

function addUsage(a: Usage, b: Usage): Usage {
  const sum: Usage = {
    inputTokens: a.inputTokens + (b.inputTokens || 0),
    outputTokens: a.outputTokens + (b.outputTokens || 0),
  };
  if (a.reasoningTokens !== undefined || b.reasoningTokens !== undefined)
    sum.reasoningTokens = (a.reasoningTokens ?? 0) + (b.reasoningTokens ?? 0);
  return sum;
}

/** The assistant message for a response, keeping reasoning and tool calls when present. */
export function assistantMessage(response: ModelResponse): ChatMessage {
  const message: ChatMessage = { role: 'assistant', content: response.text };
  if (response.reasoning) message.reasoning = response.reasoning;
  if (response.toolCalls.length > 0) message.toolCalls = response.toolCalls;
  return message;
}

/**
 * Passes one tool call through the tool gate (if any) to the world, records it and updates
 * the state. A `terminate` decision sets `stopReason: 'terminated'`; the protocol then stops.
 */
export async function executeCall(
  run: ProtocolRun,
  call: ToolCall,
  step: number,
  source: ToolCallRecord['source'],
): Promise<ToolCallRecord> {
  const { state } = run;
  ownWorld(state);
  const decision: ToolGateDecision = run.options.toolGate
    ? await run.options.toolGate({
        call,
        step,
        source,
        world: state.world,
        messages: state.messages,
      })
    : { verdict: 'allow' };
  let record: ToolCallRecord;
  if (decision.verdict === 'deny' || decision.verdict === 'terminate') {
    record = {
      id: call.id,
      step,
      name: call.name,
      args: call.args,
      source,
      result: `Error: ${decision.message}`,
      isError: true,
      eventIds: [],
    };
    record.gate = { verdict: decision.verdict, message: decision.message };
    if (decision.verdict === 'terminate') state.stopReason = 'terminated';
  } else {
    const effective = decision.verdict === 'modify' ? { ...call, args: decision.args } : call;
    const outcome = callTool(state.world, effective, { step, source });
    state.world = outcome.world;
    record = outcome.record;
    if (decision.verdict === 'modify')
      record.gate =
        decision.message === undefined
          ? { verdict: 'modify' }
          : { verdict: 'modify', message: decision.message };
  }
  state.toolCalls.push(record);
  return record;
}
