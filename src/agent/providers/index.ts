/**
 * Real model providers behind the `AgentModel` seam. `resolveModel` calls
 * `createProviderModel('anthropic:claude-sonnet-4-5', options)` for every non-reference id.
 */
import type { AgentModel, GenerationSettings } from '../model.js';
import { aiSdkModel, type AiSdkModelOptions } from './ai-sdk-model.js';
import { connect, type ConnectionOptions } from './language-models.js';
import { parseModelId } from './model-id.js';
import { openAICompatibleChat } from './openai-compatible-chat.js';
import { planGeneration } from './quirks.js';
import { withReplicas } from './replicas.js';

export interface ProviderOptions extends ConnectionOptions, Omit<AiSdkModelOptions, 'secrets'> {
  /** Base URLs of replicas serving this one model (see `withReplicas`); `baseURL` is ignored. */
  replicas?: readonly string[];
}

/**
 * Creates a model for a `provider:model` id. Throws InputError for an unknown provider or a
 * missing API key (naming the env var to set).
 * @example createProviderModel('openai:gpt-4.1', { settings: { temperature: 1 } })
 */
export function createProviderModel(id: string, options: ProviderOptions = {}): AgentModel {
  const { replicas, ...single } = options;
  if (replicas && replicas.length > 1)
    return withReplicas(replicas.map((baseURL) => createProviderModel(id, { ...single, baseURL })));
  if (replicas?.length === 1) single.baseURL = replicas[0]!;
  options = single;
  const parsed = parseModelId(id);
  const connection = connect(parsed, options);
  const secrets = [connection.apiKey];
  // Non-streamed OpenAI-compatible chat takes the lean path (same wire and mapping, less CPU).
  const model =
    parsed.provider === 'openai-compatible' && !options.stream
      ? openAICompatibleChat(id, parsed, { ...connection, settings: options.settings, secrets })
      : aiSdkModel(id, parsed, connection.model, {
          stream: options.stream,
          settings: options.settings,
          secrets,
        });
  return {
    ...model,
    baseURL: connection.baseURL,
    ...(options.settings ? { defaults: options.settings } : {}),
  };
}

/**
 * What the quirks table will change in these settings for this model, one line each, so a
 * run can say so up front instead of silently.
 * @example settingsAdjustments('openai:o3', { temperature: 1 }) // ['temperature 1 dropped: OpenAI reasoning models reject it']
 */
export function settingsAdjustments(id: string, settings: GenerationSettings): string[] {
  const parsed = parseModelId(id);
  return planGeneration(parsed.provider, parsed.model, settings).adjustments;
}

export {
  classifyProviderError,
  parseRetryAfter,
  ProviderError,
  type ClassifiedError,
} from './classify-error.js';
export { parseModelId, PROVIDERS, type ParsedModelId, type ProviderName } from './model-id.js';
export { PROVIDER_ENV } from './language-models.js';
export { planGeneration, isOpenAIReasoningModel } from './quirks.js';
export { redactSecrets } from './redact.js';
export { withReplicas, type ReplicaOptions } from './replicas.js';
