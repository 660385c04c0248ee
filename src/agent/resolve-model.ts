import { InputError } from '../cli/errors.js';
import type { AgentModel } from './model.js';
import { createProviderModel, PROVIDERS } from './providers/index.js';
import { createReferenceModel } from './reference/reference-model.js';

/**
 * Turns a model id into an `AgentModel`: `reference:<persona>` (scripted, not a language
 * model) or `provider:model` for the real providers. Throws InputError for an unknown
 * provider or persona, naming the valid choices.
 * @example resolveModel('reference:misaligned').kind // 'reference'
 */
export function resolveModel(id: string): AgentModel {
  const colon = id.indexOf(':');
  const prefix = colon > 0 ? id.slice(0, colon) : '';
  if (prefix === 'reference') return createReferenceModel(id.slice(colon + 1));
  if ((PROVIDERS as readonly string[]).includes(prefix)) return createProviderModel(id);
  const valid = ['reference', ...PROVIDERS].map((p) => `${p}:`).join(', ');
  throw new InputError(
    `unknown model id '${id}': the prefix must be one of ${valid} (e.g. reference:aligned, openai:gpt-4.1)`,
  );
}
