/**
 * An `AgentModel` backed by an AI SDK language model: one `generateText` (or `streamText`)
 * call per step, with no tools executed and no retries inside the SDK (retries are ours).
 */
import type * as Ai from 'ai';
import type { FinishReason, LanguageModel, LanguageModelUsage } from 'ai';
import type {
  AgentModel,
  GenerationSettings,
  ModelRequest,
  ModelResponse,
  ToolCall,
} from '../model.js';
import { classifyProviderError, ProviderError } from './classify-error.js';
import type { ParsedModelId } from './model-id.js';
import { planGeneration } from './quirks.js';

/**
 * The AI SDK (and our mapping onto it), imported on the first call through it: a run whose
 * models all take the lean OpenAI-compatible path never loads it.
 */
let sdkModules: Promise<[typeof Ai, typeof import('./to-ai-sdk.js')]> | undefined;
const loadSdk = () => (sdkModules ??= Promise.all([import('ai'), import('./to-ai-sdk.js')]));

// The SDK would print its own warnings (an unsupported setting) to the console, in the middle
// of the progress display; the quirks table already says what it changes (`settingsAdjustments`).
globalThis.AI_SDK_LOG_WARNINGS = false;

export interface AiSdkModelOptions {
  /** Stream the response (SSE) instead of one JSON reply. */
  stream?: boolean;
  /** Defaults under each request's own settings. */
  settings?: GenerationSettings;
  /** Values to scrub from every error message (the API key). */
  secrets?: readonly (string | undefined)[];
}

/** What both SDK paths produce, before mapping to `ModelResponse`. */
interface RawResult {
  text: string;
  reasoningText: string | undefined;
  reasoningParts: ReadonlyArray<{
    text: string;
    providerMetadata?: Record<string, Record<string, unknown> | undefined>;
  }>;
  toolCalls: ReadonlyArray<{
    toolCallId: string;
    toolName: string;
    input: unknown;
    invalid?: boolean;
    error?: unknown;
  }>;
  finishReason: FinishReason;
  usage: LanguageModelUsage;
  headers: Record<string, string> | undefined;
  responseId: string | undefined;
}

/**
 * Wraps an AI SDK model as an `AgentModel`. Errors come out as classified `ProviderError`s.
 * `model` may be a loader, awaited on the first call (`connect` imports the provider's
 * package then).
 */
export function aiSdkModel(
  id: string,
  parsed: ParsedModelId,
  model: LanguageModel | (() => Promise<LanguageModel>),
  options: AiSdkModelOptions = {},
): AgentModel {
  const load = typeof model === 'function' ? model : () => Promise.resolve(model);
  return {
    id,
    kind: 'language-model',
    async generate(request: ModelRequest, signal?: AbortSignal): Promise<ModelResponse> {
      const settings = { ...options.settings, ...request.settings };
      const plan = planGeneration(parsed.provider, parsed.model, settings);
      let sdkModel: LanguageModel;
      let sdk: typeof Ai;
      let mapping: typeof import('./to-ai-sdk.js');
      try {
        [sdkModel, [sdk, mapping]] = await Promise.all([load(), loadSdk()]);
      } catch (error) {
        throw ProviderError.from(error, options.secrets);
      }
      const { toModelMessages, toToolSet } = mapping;
      const call = {
        model: sdkModel,
        system: request.system,
        messages: toModelMessages(request.messages),
        tools: toToolSet(request.tools, sdk.jsonSchema),
        temperature: plan.temperature,
        maxOutputTokens: plan.maxOutputTokens,
        providerOptions: plan.providerOptions as never,
        maxRetries: 0,
        abortSignal: signal,
      };
      const started = performance.now();
      try {
        const raw = options.stream ? await runStream(sdk, call) : await runGenerate(sdk, call);
        return toModelResponse(raw, Math.round(performance.now() - started));
      } catch (error) {
        // After an abort the signal's reason (a TimeoutError, or the caller's cancel) says why.
        throw ProviderError.from(signal?.aborted ? signal.reason : error, options.secrets);
      }
    },
  };
}

type CallArgs = Parameters<typeof Ai.generateText>[0];

async function runGenerate({ generateText }: typeof Ai, call: CallArgs): Promise<RawResult> {
  const result = await generateText(call);
  return {
    text: result.text,
    reasoningText: result.reasoningText,
    reasoningParts: result.reasoning,
    toolCalls: result.toolCalls,
    finishReason: result.finishReason,
    usage: result.usage,
    headers: result.response.headers,
    responseId: result.response.id,
  };
}

async function runStream({ streamText }: typeof Ai, call: CallArgs): Promise<RawResult> {
  const result = streamText({ ...call, onError: () => {} } as Parameters<typeof streamText>[0]);
  let finished = false;
  let sawContent = false;
  for await (const part of result.fullStream) {
    if (
      part.type === 'text-delta' ||
      part.type === 'reasoning-delta' ||
      part.type === 'tool-input-delta'
    )
      sawContent = true;
    if (part.type === 'abort') throw new DOMException('the stream was aborted', 'AbortError');
    if (part.type === 'error') {
      // Content arrived, then the stream broke off: a truncated stream, not a garbage reply.
      if (sawContent && classifyProviderError(part.error).category === 'invalid-response')
        throw truncated();
      throw part.error;
    }
    // The SDK emits `finish` even when the provider's stream just stopped; only a provider
    // that said why it stopped (stop, tool_use, length...) finished.
    if (part.type === 'finish') finished = part.rawFinishReason !== undefined;
  }
  if (!finished) {
    if (sawContent) throw truncated();
    throw new ProviderError(
      'invalid-response',
      'the response stream carried no model output',
      true,
    );
  }
  const [text, reasoningText, reasoningParts, toolCalls, finishReason, usage, response] =
    await Promise.all([
      result.text,
      result.reasoningText,
      result.reasoning,
      result.toolCalls,
      result.finishReason,
      result.usage,
      result.response,
    ]);
  return {
    text,
    reasoningText,
    reasoningParts,
    toolCalls,
    finishReason,
    usage,
    headers: response.headers,
    responseId: response.id,
  };
}

/** A stream that ends without its closing event was cut: retryable, like a reset. */
function truncated(): ProviderError {
  return new ProviderError(
    'network',
    'the response stream ended before the model finished (truncated stream)',
    true,
  );
}

const FINISH: Record<string, ModelResponse['finishReason']> = {
  stop: 'stop',
  'tool-calls': 'tool-calls',
  length: 'length',
  'content-filter': 'content-filter',
  error: 'error',
};

/** Maps the SDK result to turncoat's response; an empty reply is an invalid response. */
export function toModelResponse(raw: RawResult, latencyMs: number): ModelResponse {
  const toolCalls: ToolCall[] = raw.toolCalls.map((call) => {
    const mapped: ToolCall = { id: call.toolCallId, name: call.toolName, args: call.input };
    if (call.invalid) mapped.parseError = errorMessage(call.error);
    return mapped;
  });
  const signed = signedReasoning(raw.reasoningParts);
  if (signed.length > 0 && toolCalls[0]) toolCalls[0].providerReasoning = signed;
  const finishReason = FINISH[raw.finishReason] ?? 'other';
  if (raw.text.trim() === '' && toolCalls.length === 0 && finishReason !== 'content-filter') {
    throw new ProviderError(
      'invalid-response',
      `the model returned an empty response (finish reason: ${raw.finishReason})`,
      true,
    );
  }
  const response: ModelResponse = {
    text: raw.text,
    toolCalls,
    finishReason,
    usage: {
      inputTokens: raw.usage.inputTokens ?? 0,
      outputTokens: raw.usage.outputTokens ?? 0,
      ...(raw.usage.outputTokenDetails?.reasoningTokens !== undefined && {
        reasoningTokens: raw.usage.outputTokenDetails.reasoningTokens,
      }),
    },
    latencyMs,
  };
  if (raw.reasoningText) response.reasoning = raw.reasoningText;
  const requestId =
    header(raw.headers, 'x-request-id') ?? header(raw.headers, 'request-id') ?? raw.responseId;
  if (requestId) response.requestId = requestId;
  return response;
}

/** Anthropic's thinking blocks with their signatures (or redacted data), for replay. */
function signedReasoning(
  parts: RawResult['reasoningParts'],
): NonNullable<ToolCall['providerReasoning']> {
  const out: NonNullable<ToolCall['providerReasoning']> = [];
  for (const part of parts) {
    const meta = part.providerMetadata?.['anthropic'];
    const signature = typeof meta?.['signature'] === 'string' ? meta['signature'] : undefined;
    const redactedData =
      typeof meta?.['redactedData'] === 'string' ? meta['redactedData'] : undefined;
    if (signature) out.push({ text: part.text, signature });
    else if (redactedData) out.push({ text: part.text, redactedData });
  }
  return out;
}

/**
 * A header by its lower-case name, whatever the case of the reply's keys (the last such key
 * wins); read in place, with no lower-cased copy of every header per reply.
 */
function header(headers: Record<string, string> | undefined, name: string): string | undefined {
  let value: string | undefined;
  for (const key in headers)
    if (Object.hasOwn(headers, key) && key.toLowerCase() === name) value = headers[key];
  return value;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error ?? 'invalid tool call');
}
