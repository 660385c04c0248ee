/** What one configured model hands to `createProviderModel`, the retry policy and the limiter. */
import { settingsAdjustments, type ProviderOptions } from '../agent/providers/index.js';
import type { ModelEntry, TurncoatConfig } from './schema.js';

/**
 * Provider options for a configured model: its key env var, base URL, streaming and its
 * settings over the config's defaults.
 * @example createProviderModel(entry.id, providerOptionsFor(config, entry))
 */
export function providerOptionsFor(
  config: Pick<TurncoatConfig, 'settings'>,
  entry: ModelEntry,
): ProviderOptions {
  const options: ProviderOptions = {};
  const settings = { ...config.settings, ...('settings' in entry ? entry.settings : {}) };
  if (Object.keys(settings).length > 0) options.settings = settings;
  if ('apiKeyEnv' in entry && entry.apiKeyEnv) options.apiKeyEnv = entry.apiKeyEnv;
  if ('baseURL' in entry && entry.baseURL) {
    if (typeof entry.baseURL === 'string') options.baseURL = entry.baseURL;
    else options.replicas = entry.baseURL;
  }
  if ('stream' in entry && entry.stream !== undefined) options.stream = entry.stream;
  return options;
}

/** Per-model concurrency caps for `ConcurrencyGovernor({ models })`. */
export function modelConcurrency(config: Pick<TurncoatConfig, 'models'>): Record<string, number> {
  const caps: Record<string, number> = {};
  for (const entry of config.models)
    if ('concurrency' in entry && entry.concurrency) caps[entry.id] = entry.concurrency;
  return caps;
}

/**
 * What the quirks table will change in each configured model's settings, as notes to print
 * before the run (`openai:o3: temperature 1 dropped: ...`), so nothing changes silently.
 */
export function settingsNotes(config: Pick<TurncoatConfig, 'settings' | 'models'>): string[] {
  const notes: string[] = [];
  for (const entry of config.models) {
    if (entry.id.startsWith('reference:')) continue;
    const settings = providerOptionsFor(config, entry).settings;
    if (!settings) continue;
    for (const change of settingsAdjustments(entry.id, settings))
      notes.push(`${entry.id}: ${change}`);
  }
  return notes;
}
