import { InputError } from '../errors.js';
import type { AgentModel } from './model.js';
import { createProviderModel, PROVIDERS, type ProviderOptions } from './providers/index.js';
import { createReferenceModel } from './reference/reference-model.js';

/**
 * Turns a model id into an `AgentModel`: `reference:<persona>` (scripted, not a language
 * model) or `provider:model` for the real providers. Throws InputError for an unknown
 * provider or persona, naming the valid choices. `options` (key env var, base URL, streaming,
 * settings: what a config entry gives) reach the provider; reference agents ignore them.
 * @example resolveModel('reference:misaligned').kind // 'reference'
 * @example resolveModel('openai:o3', { settings: { reasoningBudget: 4096 } })
 */
export function resolveModel(id: string, options: ProviderOptions = {}): AgentModel {
  const colon = id.indexOf(':');
  const prefix = colon > 0 ? id.slice(0, colon) : '';
  if (prefix === 'reference') return createReferenceModel(id.slice(colon + 1));
  if ((PROVIDERS as readonly string[]).includes(prefix)) return createProviderModel(id, options);
  const valid = ['reference', ...PROVIDERS].map((p) => `${p}:`).join(', ');
  throw new InputError(
    `unknown model id '${id}': the prefix must be one of ${valid} (e.g. reference:aligned, openai:gpt-4.1)`,
  );
}
