/**
 * Validated scenario packs kept on disk, so a run does not parse and check the same YAML
 * again: reading a pack's YAML, its schema and its templates costs a run's start-up about
 * half a second of CPU; reading the cached JSON costs milliseconds.
 *
 * An entry is found by the sha256 of the pack file's bytes AND a fingerprint of the code
 * that validates packs (the text of the modules listed in VALIDATOR_MODULES), so an edited
 * pack, or a turncoat whose schema or template checks changed, is parsed and checked again.
 * Only packs that passed every check are written; a missing, unreadable or corrupt entry is
 * simply a miss. The folder: `TURNCOAT_CACHE_DIR`, else `$XDG_CACHE_HOME/turncoat`, else
 * `~/.cache/turncoat`; `TURNCOAT_CACHE_DIR=off` turns the cache off.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import type { ScenarioPack } from './schema.js';

/** The modules (relative to this one) whose code decides what a valid pack parses to. */
const VALIDATOR_MODULES = [
  'pack-cache',
  'load-pack',
  'schema',
  'condition-types',
  'template-variables',
  'templates',
  '../yaml/parse-yaml',
];

/**
 * The folder packs are cached in, or undefined when the cache is off.
 * @example packCacheDir({ XDG_CACHE_HOME: '/tmp/c' }) // '/tmp/c/turncoat/packs'
 */
export function packCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const explicit = env['TURNCOAT_CACHE_DIR'];
  if (explicit === 'off') return undefined;
  const root = explicit
    ? explicit
    : join(env['XDG_CACHE_HOME'] || join(homedir(), '.cache'), 'turncoat');
  return join(root, 'packs');
}

let fingerprint: string | null | undefined;

/** A short hash of the validating modules' code (null when one cannot be read: no cache). */
function validatorFingerprint(): string | null {
  if (fingerprint !== undefined) return fingerprint;
  // The same extension as this module: .js in dist/, .ts when run from source.
  const ext = import.meta.url.slice(import.meta.url.lastIndexOf('.'));
  try {
    const hash = createHash('sha256');
    for (const name of VALIDATOR_MODULES)
      hash.update(readFileSync(fileURLToPath(new URL(`./${name}${ext}`, import.meta.url))));
    fingerprint = hash.digest('hex').slice(0, 16);
  } catch {
    fingerprint = null;
  }
  return fingerprint;
}

function entryFile(hash: string, env: NodeJS.ProcessEnv): string | undefined {
  const dir = packCacheDir(env);
  const code = validatorFingerprint();
  return dir && code ? join(dir, `${hash}-${code}.json`) : undefined;
}

/** The validated pack cached for a file whose bytes hash to `hash`, or undefined. Never throws. */
export function readCachedPack(
  hash: string,
  env: NodeJS.ProcessEnv = process.env,
): ScenarioPack | undefined {
  const file = entryFile(hash, env);
  if (!file) return undefined;
  try {
    const entry = JSON.parse(readFileSync(file, 'utf8')) as { hash?: unknown; pack?: unknown };
    return entry.hash === hash && entry.pack && typeof entry.pack === 'object'
      ? (entry.pack as ScenarioPack)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Caches a pack that passed every check. Skipped (silently) when the cache is off, the
 * folder is not writable, or the pack would not come back from JSON exactly as it is.
 */
export function writeCachedPack(
  hash: string,
  pack: ScenarioPack,
  env: NodeJS.ProcessEnv = process.env,
): void {
  const file = entryFile(hash, env);
  if (!file) return;
  const json = JSON.stringify({ hash, pack });
  if (!isDeepStrictEqual((JSON.parse(json) as { pack: unknown }).pack, pack)) return;
  // Written aside, then renamed: a reader never sees half an entry.
  const partial = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(partial, json);
    renameSync(partial, file);
  } catch {
    rmSync(partial, { force: true });
  }
}
