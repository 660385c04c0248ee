/**
 * Builds the AI SDK language model for a parsed model id: which package, which API key
 * (options, then the provider's env var) and which base URL (options, env var, default).
 */
import type { LanguageModel } from 'ai';
import { createOpenAI } from '@ai-sdk/openai';
import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { createOpenRouter } from '@openrouter/ai-sdk-provider';
import { createOllama } from 'ollama-ai-provider-v2';
import { InputError } from '../../errors.js';
import type { ParsedModelId, ProviderName } from './model-id.js';

interface ProviderEnv {
  keyEnv: string;
  keyRequired: boolean;
  baseURLEnv: string;
  defaultBaseURL?: string;
}

/** The env vars each provider reads. Keys passed in options (the config file) win. */
export const PROVIDER_ENV: Record<ProviderName, ProviderEnv> = {
  openai: {
    keyEnv: 'OPENAI_API_KEY',
    keyRequired: true,
    baseURLEnv: 'OPENAI_BASE_URL',
    defaultBaseURL: 'https://api.openai.com/v1',
  },
  anthropic: {
    keyEnv: 'ANTHROPIC_API_KEY',
    keyRequired: true,
    baseURLEnv: 'ANTHROPIC_BASE_URL',
    defaultBaseURL: 'https://api.anthropic.com/v1',
  },
  google: {
    keyEnv: 'GOOGLE_GENERATIVE_AI_API_KEY',
    keyRequired: true,
    baseURLEnv: 'GOOGLE_GENERATIVE_AI_BASE_URL',
    defaultBaseURL: 'https://generativelanguage.googleapis.com/v1beta',
  },
  openrouter: {
    keyEnv: 'OPENROUTER_API_KEY',
    keyRequired: true,
    baseURLEnv: 'OPENROUTER_BASE_URL',
    defaultBaseURL: 'https://openrouter.ai/api/v1',
  },
  ollama: {
    keyEnv: 'OLLAMA_API_KEY',
    keyRequired: false,
    baseURLEnv: 'OLLAMA_BASE_URL',
    defaultBaseURL: 'http://127.0.0.1:11434',
  },
  'openai-compatible': {
    keyEnv: 'OPENAI_COMPATIBLE_API_KEY',
    keyRequired: false,
    baseURLEnv: 'OPENAI_COMPATIBLE_BASE_URL',
  },
};

export interface ConnectionOptions {
  apiKey?: string;
  /** Read the key from this env var instead of the provider's usual one. */
  apiKeyEnv?: string;
  baseURL?: string;
  /** Where env vars come from; defaults to `process.env` (tests pass their own). */
  env?: Record<string, string | undefined>;
}

export interface Connection {
  model: LanguageModel;
  baseURL: string;
  apiKey?: string;
}

/** Resolves key and base URL and creates the AI SDK model. Throws InputError when a key is missing. */
export function connect(parsed: ParsedModelId, options: ConnectionOptions = {}): Connection {
  const env = options.env ?? process.env;
  const spec = PROVIDER_ENV[parsed.provider];
  const keyEnv = options.apiKeyEnv ?? spec.keyEnv;
  const apiKey = options.apiKey ?? nonEmpty(env[keyEnv]);
  if (spec.keyRequired && !apiKey) {
    throw new InputError(
      `no API key for '${parsed.provider}:${parsed.model}': set ${keyEnv} (or apiKeyEnv in turncoat.config.yaml)`,
    );
  }
  const baseURL =
    options.baseURL ?? parsed.baseURL ?? nonEmpty(env[spec.baseURLEnv]) ?? spec.defaultBaseURL;
  if (!baseURL) {
    throw new InputError(
      `no base URL for '${parsed.provider}:${parsed.model}': write openai-compatible:<model>@<baseURL>, set ${spec.baseURLEnv}, or give baseURL in the config`,
    );
  }
  return { model: createModel(parsed, baseURL, apiKey), baseURL, apiKey };
}

function createModel(
  parsed: ParsedModelId,
  baseURL: string,
  apiKey: string | undefined,
): LanguageModel {
  switch (parsed.provider) {
    case 'openai':
      // Chat completions: the one API every OpenAI-compatible server and our mock speak.
      return createOpenAI({ apiKey, baseURL }).chat(parsed.model);
    case 'anthropic':
      return createAnthropic({ apiKey, baseURL })(parsed.model);
    case 'google':
      return createGoogleGenerativeAI({ apiKey, baseURL })(parsed.model);
    case 'openrouter':
      return createOpenRouter({ apiKey, baseURL })(parsed.model);
    case 'ollama': {
      const api = /\/api\/?$/.test(baseURL) ? baseURL : `${baseURL.replace(/\/$/, '')}/api`;
      return createOllama({
        baseURL: api,
        headers: apiKey ? { authorization: `Bearer ${apiKey}` } : undefined,
      })(parsed.model);
    }
    case 'openai-compatible':
      return createOpenAICompatible({
        name: 'openai-compatible',
        baseURL,
        apiKey,
        includeUsage: true,
      }).chatModel(parsed.model);
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value && value.trim() !== '' ? value : undefined;
}
