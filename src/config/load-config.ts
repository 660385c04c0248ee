/** Reads `turncoat.config.yaml`: a thin shell around `parseConfig`. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { parseYamlWith } from '../yaml/parse-yaml.js';
import { configSchema, type TurncoatConfig } from './schema.js';

import { CONFIG_FILE } from './config-file.js';

export { CONFIG_FILE };

export interface LoadedConfig {
  /** Validated; `out`, `guard` and `scenarios` are resolved against the file's folder. */
  config: TurncoatConfig;
  file: string;
}

/** Validates config YAML `text` (named `file` in errors). Paths are resolved against `baseDir`. */
export function parseConfig(text: string, file: string, baseDir = dirname(file)): TurncoatConfig {
  const config = parseYamlWith(configSchema, text, file, 'config');
  const at = (p: string) => (isAbsolute(p) ? p : resolve(baseDir, p));
  return {
    ...config,
    out: at(config.out),
    ...(config.scenarios !== undefined && { scenarios: config.scenarios.map(at) }),
    ...(config.guard !== undefined && { guard: at(config.guard) }),
  };
}

/**
 * Loads and validates a config file; errors name `file:line:column` and the field.
 * @example const { config } = loadConfig('turncoat.config.yaml')
 */
export function loadConfig(path: string = CONFIG_FILE): LoadedConfig {
  const file = resolve(path);
  if (!existsSync(file))
    throw new InputError(
      `no config file at ${path}; run \`turncoat init\` to write a starter ${CONFIG_FILE}`,
    );
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read config ${path}: ${(error as Error).message}`);
  }
  return { config: parseConfig(text, path, dirname(file)), file };
}
