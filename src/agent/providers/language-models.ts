/**
 * Builds the AI SDK language model for a parsed model id: which package, which API key
 * (options, then the provider's env var) and which base URL (options, env var, default).
 * Each provider package is imported when a model of that provider first calls, so a run
 * loads only the packages its model ids name (six of them cost a start-up ~0.2 s of CPU).
 */
import type { LanguageModel } from 'ai';
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
  /** The AI SDK model; its provider package is imported on the first call (then kept). */
  model: () => Promise<LanguageModel>;
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
  let model: Promise<LanguageModel> | undefined;
  return { model: () => (model ??= createModel(parsed, baseURL, apiKey)), baseURL, apiKey };
}

async function createModel(
  parsed: ParsedModelId,
  baseURL: string,
  apiKey: string | undefined,
): Promise<LanguageModel> {
  switch (parsed.provider) {
    case 'openai': {
      const { createOpenAI } = await import('@ai-sdk/openai');
      // Chat completions: the one API every OpenAI-compatible server and our mock speak.
      return createOpenAI({ apiKey, baseURL }).chat(parsed.model);
    }
    case 'anthropic': {
      const { createAnthropic } = await import('@ai-sdk/anthropic');
      return createAnthropic({ apiKey, baseURL })(parsed.model);
    }
    case 'google': {
      const { createGoogleGenerativeAI } = await import('@ai-sdk/google');
      return createGoogleGenerativeAI({ apiKey, baseURL })(parsed.model);
    }
    case 'openrouter': {
      const { createOpenRouter } = await import('@openrouter/ai-sdk-provider');
      return createOpenRouter({ apiKey, baseURL })(parsed.model);
    }
    case 'ollama': {
      const { createOllama } = await import('ollama-ai-provider-v2');
      const api = /\/api\/?$/.test(baseURL) ? baseURL : `${baseURL.replace(/\/$/, '')}/api`;
      return createOllama({
        baseURL: api,
        headers: apiKey ? { authorization: `Bearer ${apiKey}` } : undefined,
      })(parsed.model);
    }
    case 'openai-compatible': {
      const { createOpenAICompatible } = await import('@ai-sdk/openai-compatible');
      return createOpenAICompatible({
        name: 'openai-compatible',
        baseURL,
        apiKey,
        includeUsage: true,
      }).chatModel(parsed.model);
    }
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value && value.trim() !== '' ? value : undefined;
}
