/**
 * Model ids are `provider:model`; the OpenAI-compatible provider also names its endpoint:
 * `openai-compatible:<model>@<baseURL>`.
 */
import {
  hasUrlCredentials,
  redactUrlCredentials,
  urlCredentialsMessage,
} from '../../text/url-credentials.js';
import { InputError, unknownValue } from '../../errors.js';

export const PROVIDERS = [
  'openai',
  'anthropic',
  'google',
  'openrouter',
  'ollama',
  'openai-compatible',
] as const;
export type ProviderName = (typeof PROVIDERS)[number];

export interface ParsedModelId {
  provider: ProviderName;
  model: string;
  /** Only for `openai-compatible:<model>@<baseURL>`. */
  baseURL?: string;
}

/**
 * Splits a model id into provider and model name.
 * @example parseModelId('anthropic:claude-sonnet-4-5') // { provider: 'anthropic', model: 'claude-sonnet-4-5' }
 */
export function parseModelId(id: string): ParsedModelId {
  const colon = id.indexOf(':');
  if (colon <= 0)
    throw new InputError(
      `model id '${id}' is not of the form provider:model (providers: ${PROVIDERS.join(', ')})`,
    );
  const provider = id.slice(0, colon);
  const rest = id.slice(colon + 1);
  if (!(PROVIDERS as readonly string[]).includes(provider))
    throw unknownValue('model provider', provider, PROVIDERS);
  if (rest.length === 0)
    throw new InputError(`model id '${id}' names no model after '${provider}:'`);
  if (provider !== 'openai-compatible') return { provider: provider as ProviderName, model: rest };
  const at = rest.indexOf('@');
  if (at <= 0) {
    return { provider: 'openai-compatible', model: rest };
  }
  const baseURL = rest.slice(at + 1);
  if (hasUrlCredentials(baseURL)) {
    throw new InputError(urlCredentialsMessage(`model id '${redactUrlCredentials(id)}'`, baseURL));
  }
  if (!/^https?:\/\//.test(baseURL)) {
    throw new InputError(
      `model id '${id}': the part after '@' must be an http(s) base URL, e.g. openai-compatible:qwen3@http://127.0.0.1:8000/v1`,
    );
  }
  return { provider: 'openai-compatible', model: rest.slice(0, at), baseURL };
}
