/**
 * The hint after the default (reference) suite: how to test a real model, shaped by what this
 * machine has: provider keys already set, or a local Ollama that answers.
 */
import { PROVIDER_ENV } from '../agent/providers/language-models.js';
import { REAL_MODEL_HINT } from './default-suite.js';

const EXAMPLES: Record<string, string> = {
  openai: 'openai:gpt-4.1',
  anthropic: 'anthropic:claude-sonnet-4-5',
  google: 'google:gemini-2.5-pro',
  openrouter: 'openrouter:anthropic/claude-sonnet-4.5',
};

export interface HintOptions {
  env?: NodeJS.ProcessEnv;
  /** How long to wait for Ollama (default 300 ms). */
  timeoutMs?: number;
}

/**
 * Models a local Ollama serves (`/api/tags`), or null when nothing answers in time. Only
 * called when no model was given, so a normal run never waits for it.
 */
export async function probeOllama(baseURL: string, timeoutMs = 300): Promise<string[] | null> {
  try {
    const response = await fetch(`${baseURL.replace(/\/(api\/?)?$/, '')}/api/tags`, {
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) return null;
    const body = (await response.json()) as { models?: { name?: string }[] };
    return (body.models ?? []).map((m) => m.name ?? '').filter(Boolean);
  } catch {
    return null;
  }
}

/**
 * The hint text: the generic examples, plus a ready command for each provider whose key is
 * set and for a local Ollama when it answers (at OLLAMA_BASE_URL or 127.0.0.1:11434).
 */
export async function realModelHint(options: HintOptions = {}): Promise<string> {
  const env = options.env ?? process.env;
  const lines = [REAL_MODEL_HINT];
  for (const [provider, example] of Object.entries(EXAMPLES)) {
    const name = PROVIDER_ENV[provider as keyof typeof PROVIDER_ENV].keyEnv;
    if (env[name])
      lines.push(
        `${name} is set: turncoat run --model ${example} --dry-run  (then without --dry-run)`,
      );
  }
  const ollamaURL = env['OLLAMA_BASE_URL'] || PROVIDER_ENV.ollama.defaultBaseURL!; // prettier-ignore
  const models = await probeOllama(ollamaURL, options.timeoutMs);
  if (models !== null) {
    const where = ollamaURL.replace(/^https?:\/\//, '');
    lines.push(
      models.length > 0
        ? `A local Ollama answers at ${where} (${models.slice(0, 3).join(', ')}${models.length > 3 ? ', ...' : ''}): turncoat run --model ollama:${models[0]} --samples 5`
        : `A local Ollama answers at ${where} but has no models: ollama pull qwen3:8b, then turncoat run --model ollama:qwen3:8b`,
    );
  }
  return lines.join('\n');
}
