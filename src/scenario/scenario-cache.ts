/**
 * Validated scenario packs and rendered conditions kept on disk, so a run does not parse,
 * check and render the same YAML again: reading a pack's YAML, checking its schema and
 * templates and compiling the templates of one condition cost a run's start-up most of a
 * second of CPU; reading the cached JSON costs milliseconds.
 *
 * A pack is found by the sha256 of its file's bytes; a rendered condition by that hash, its
 * condition id and its variant. Both also carry a fingerprint of the code that makes them:
 * the text of turncoat's modules that validate (PACK_CODE) or render (RENDER_CODE), and the
 * versions of the libraries they use. So an edited pack, or a turncoat whose schema, checks,
 * templates or renderer changed, is parsed and rendered again. Only packs that passed every
 * check are written; a missing, unreadable or corrupt entry is simply a miss. The folder:
 * `TURNCOAT_CACHE_DIR`, else `$XDG_CACHE_HOME/turncoat`, else `~/.cache/turncoat`;
 * `TURNCOAT_CACHE_DIR=off` turns the cache off.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import type { RenderedScenario } from './rendered.js';
import type { ScenarioPack } from './schema.js';

type Kind = 'packs' | 'renders';

/** turncoat's modules (relative to this one) and the libraries whose code decides an entry. */
const CODE: Record<Kind, { modules: string[]; libraries: string[] }> = {
  packs: {
    modules: [
      'scenario-cache',
      'load-pack',
      'schema',
      'condition-types',
      'template-variables',
      'templates',
      '../yaml/parse-yaml',
    ],
    libraries: ['yaml', 'zod', 'handlebars'],
  },
  renders: {
    modules: [
      'scenario-cache',
      'render',
      'context',
      'variants',
      'templates',
      'conditions',
      'condition-types',
    ],
    libraries: ['handlebars', '@faker-js/faker'],
  },
};

/**
 * The folder entries of `kind` are cached in, or undefined when the cache is off.
 * @example cacheDir('packs', { XDG_CACHE_HOME: '/tmp/c' }) // '/tmp/c/turncoat/packs'
 */
export function cacheDir(kind: Kind, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const explicit = env['TURNCOAT_CACHE_DIR'];
  if (explicit === 'off') return undefined;
  const root = explicit
    ? explicit
    : join(env['XDG_CACHE_HOME'] || join(homedir(), '.cache'), 'turncoat');
  return join(root, kind);
}

/**
 * Both kinds' fingerprints as `codeFingerprint` gave them when the CLI's bundles were built
 * (scripts/build-cli.mjs defines this name): a bundle runs the code it was built from, and
 * reading the modules and package.json files again cost every start ~10 ms before its first
 * model call. Not defined where this module runs unbundled (the library, the tests).
 */
declare const __TURNCOAT_CODE_FINGERPRINTS__: Record<Kind, string | null> | undefined;

const fingerprints = new Map<Kind, string | null>();

function fingerprint(kind: Kind): string | null {
  if (typeof __TURNCOAT_CODE_FINGERPRINTS__ !== 'undefined')
    return __TURNCOAT_CODE_FINGERPRINTS__[kind];
  const known = fingerprints.get(kind);
  if (known !== undefined) return known;
  const value = codeFingerprint(kind);
  fingerprints.set(kind, value);
  return value;
}

/**
 * A short hash of the code that makes entries of `kind`: the text of turncoat's modules that
 * make them, beside this one, and the versions of the libraries they use; null when it cannot
 * be read (then nothing is cached).
 * @example codeFingerprint('packs') // '3f1c0a9e5b7d2e41'
 */
export function codeFingerprint(kind: Kind): string | null {
  // The same extension as this module: .js in dist/, .ts when run from source.
  const ext = import.meta.url.slice(import.meta.url.lastIndexOf('.'));
  const require = createRequire(import.meta.url);
  try {
    const hash = createHash('sha256');
    for (const name of CODE[kind].modules)
      hash.update(readFileSync(fileURLToPath(new URL(`./${name}${ext}`, import.meta.url))));
    for (const library of CODE[kind].libraries) {
      const { version } = require(`${library}/package.json`) as { version: string };
      hash.update(`${library}@${version}`);
    }
    return hash.digest('hex').slice(0, 16);
  } catch {
    return null;
  }
}

function entryFile(kind: Kind, key: string, env: NodeJS.ProcessEnv): string | undefined {
  const dir = cacheDir(kind, env);
  const code = fingerprint(kind);
  if (!dir || !code) return undefined;
  const name = kind === 'packs' ? key : createHash('sha256').update(key).digest('hex');
  return join(dir, `${name}-${code}.json`);
}

function readEntry<T>(kind: Kind, key: string, env: NodeJS.ProcessEnv): T | undefined {
  const file = entryFile(kind, key, env);
  if (!file) return undefined;
  try {
    const entry = JSON.parse(readFileSync(file, 'utf8')) as { key?: unknown; value?: unknown };
    return entry.key === key && entry.value && typeof entry.value === 'object'
      ? (entry.value as T)
      : undefined;
  } catch {
    return undefined;
  }
}

function writeEntry(kind: Kind, key: string, value: object, env: NodeJS.ProcessEnv): void {
  const file = entryFile(kind, key, env);
  if (!file) return;
  const json = JSON.stringify({ key, value });
  // Only what comes back from JSON exactly as it is (no undefined fields, dates or maps).
  if (!isDeepStrictEqual((JSON.parse(json) as { value: unknown }).value, value)) return;
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

/** The validated pack cached for a file whose bytes hash to `hash`, or undefined. Never throws. */
export function readCachedPack(
  hash: string,
  env: NodeJS.ProcessEnv = process.env,
): ScenarioPack | undefined {
  return readEntry<ScenarioPack>('packs', hash, env);
}

/** Caches a pack that passed every check (silently skipped when the cache is off or not writable). */
export function writeCachedPack(
  hash: string,
  pack: ScenarioPack,
  env: NodeJS.ProcessEnv = process.env,
): void {
  writeEntry('packs', hash, pack, env);
}

const renderKey = (packHash: string, conditionId: string, variant: number) =>
  `${packHash}:${conditionId}#${variant}`;

/** The cached render of a condition (canonical id) of the pack hashing to `packHash`. Never throws. */
export function readCachedRender(
  packHash: string,
  conditionId: string,
  variant: number,
  env: NodeJS.ProcessEnv = process.env,
): RenderedScenario | undefined {
  return readEntry<RenderedScenario>('renders', renderKey(packHash, conditionId, variant), env);
}

/** Caches a render (silently skipped when the cache is off or not writable). */
export function writeCachedRender(
  packHash: string,
  conditionId: string,
  variant: number,
  rendered: RenderedScenario,
  env: NodeJS.ProcessEnv = process.env,
): void {
  writeEntry('renders', renderKey(packHash, conditionId, variant), rendered, env);
}
