import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { InputError } from '../errors.js';
import { formatPath, parseYamlDocument } from '../yaml/parse-yaml.js';
import { readCachedPack, writeCachedPack } from './scenario-cache.js';
import { packSchemaOf } from './pack-schema.js';
import type { ScenarioPack } from './schema.js';
import { packVariables, unknownVariables } from './template-variables.js';
import { checkTemplateSyntax } from './templates.js';

/** A validated pack with where it came from. */
export interface LoadedPack {
  pack: ScenarioPack;
  file: string;
  /** sha256 of the file's bytes. */
  hash: string;
}

/**
 * Reads and validates one pack file; throws InputError with `file:line:column` and the field.
 * A pack already validated with these exact bytes comes from the pack cache (scenario-cache.ts)
 * instead of being parsed and checked again.
 */
export function loadPack(file: string): LoadedPack {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read scenario pack ${file}: ${(error as Error).message}`);
  }
  const hash = hashOf(text);
  const cached = readCachedPack(hash);
  if (cached) return { pack: cached, file, hash };
  const loaded = parsePack(text, file);
  writeCachedPack(hash, loaded.pack);
  return loaded;
}

const hashOf = (text: string) => createHash('sha256').update(text).digest('hex');

/** Validates pack YAML `text` (named `file` in errors). Pure apart from hashing. */
export function parsePack(text: string, file: string): LoadedPack {
  const { data: pack, locate } = parseYamlDocument(packSchemaOf(), text, file, 'scenario pack');
  const syntax = templateErrors(pack);
  if (syntax.length > 0) {
    const lines = syntax
      .slice(0, 20)
      .map(({ path, message }) => `${locate(path)}: ${formatPath(path)}: ${message}`);
    throw new InputError(`invalid template in scenario pack ${file}:\n  ${lines.join('\n  ')}`);
  }
  return { pack, file, hash: hashOf(text) };
}

/** Template syntax errors and unknown variables, with the path of the string holding them. */
function templateErrors(pack: ScenarioPack): { path: PropertyKey[]; message: string }[] {
  const shapes = {
    texts: packVariables(pack, 'texts'),
    prose: packVariables(pack, 'prose'),
    system: packVariables(pack, 'system'),
  };
  const errors: { path: PropertyKey[]; message: string }[] = [];
  const walk = (value: unknown, path: PropertyKey[]) => {
    if (typeof value === 'string') {
      if (!value.includes('{{')) return;
      const scope =
        path[0] === 'goals' || path[0] === 'urgency'
          ? 'texts'
          : path[0] === 'prompts' && path[1] === 'system'
            ? 'system'
            : 'prose';
      try {
        checkTemplateSyntax(value);
      } catch (error) {
        errors.push({ path, message: (error as Error).message.split('\n')[0] ?? 'bad template' });
        return;
      }
      for (const message of unknownVariables(value, shapes[scope])) errors.push({ path, message });
    } else if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
    else if (value && typeof value === 'object')
      Object.entries(value).forEach(([k, v]) => walk(v, [...path, k]));
  };
  walk(pack, []);
  return errors;
}
