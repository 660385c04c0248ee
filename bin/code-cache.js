'use strict';
/**
 * Starts the CLI's CommonJS bundle (dist/cli/bundle/cli.cjs) with V8's code cache: the
 * compiled code of the bundle's functions, kept from an earlier start of the same command.
 * Node 20 keeps no compiled code for ES modules between processes, and compiling the 2.7 MB
 * a run loads costs it a tenth of a second or more before its first model call.
 *
 * The cache is one file per command (`run`, `run-dry`, `worker`) in
 * `$TURNCOAT_CACHE_DIR/code/` (else `$XDG_CACHE_HOME/turncoat/code/`, else
 * `~/.cache/turncoat/code/`; `TURNCOAT_CACHE_DIR=off` turns it off), named for a hash of the
 * bundle's bytes, node's version and architecture, and node's options (V8 refuses a cache made
 * with other flags). The first start of a command compiles as usual and writes the file when
 * the command has done its work (bin/turncoat.js calls `saveCache`), with the code it
 * compiled; later starts read it. A missing, unreadable, stale or damaged file is only a
 * slower start: V8 checks what it is given and compiles the source itself when it refuses it.
 * CommonJS with nothing but node's modules, like the bin.
 */
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const Module = require('node:module');
const { homedir } = require('node:os');
const { dirname, join } = require('node:path');
const vm = require('node:vm');

/**
 * A cache file of the same command for another bundle or node, older than this, is removed
 * when a new one is written (a rebuilt bundle leaves its old one behind).
 */
const STALE_MS = 60 * 60 * 1000;

/**
 * The folder code caches are kept in, or undefined when caching is off.
 * @param {NodeJS.ProcessEnv} env
 * @returns {string | undefined}
 * @example codeCacheDir({ XDG_CACHE_HOME: '/tmp/c' }) // '/tmp/c/turncoat/code'
 */
function codeCacheDir(env) {
  const explicit = env.TURNCOAT_CACHE_DIR;
  if (explicit === 'off') return undefined;
  return join(
    explicit || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'turncoat'),
    'code',
  );
}

/**
 * How the bundle is wrapped: node's CommonJS wrapper plus `__import`, through which the bundle
 * imports the packages it loads lazily (scripts/build-cli.mjs): an `import()` in code that
 * `vm.Script` compiled needs an experimental flag in node 20, one here does not.
 */
const PARAMETERS = 'exports, require, module, __filename, __dirname, __import';
const importPackage = (specifier) => import(specifier);

/**
 * Runs the CommonJS bundle `file` as node would `require` it (plus `__import`), compiled with
 * the code cache of `label` when there is a good one, and returns its exports and
 * `saveCache()`, which writes the cache (when none was used) with everything compiled until
 * then: call it when the command is done.
 * @param {string} file  the bundle (ASCII only: it is read as latin1, which skips UTF-8 decoding)
 * @param {{ label: string, env?: NodeJS.ProcessEnv }} options
 * @returns {{ exports: any, cache: 'used' | 'refused' | 'none' | 'off', saveCache(): void }}
 * @example const { exports, saveCache } = loadWithCodeCache(bundle, { label: 'run' });
 *   exports.main(args).then(saveCache);
 */
function loadWithCodeCache(file, { label, env = process.env }) {
  const bytes = fs.readFileSync(file);
  const dir = codeCacheDir(env);
  const key = createHash('sha256')
    .update(bytes)
    .update(
      `\0${process.version}\0${process.arch}\0${process.execArgv.join(' ')}\0${env.NODE_OPTIONS ?? ''}`,
    )
    .digest('hex')
    .slice(0, 24);
  const cacheFile = dir === undefined ? undefined : join(dir, `${label}.${key}.bin`);
  let cachedData;
  if (cacheFile !== undefined) {
    try {
      cachedData = fs.readFileSync(cacheFile);
    } catch {
      cachedData = undefined;
    }
  }
  const wrapped = `(function (${PARAMETERS}) {${bytes.toString('latin1')}\n})`;
  const script = new vm.Script(wrapped, { filename: file, cachedData });
  const cache =
    cacheFile === undefined
      ? 'off'
      : cachedData === undefined
        ? 'none'
        : script.cachedDataRejected
          ? 'refused'
          : 'used';
  const module = { exports: {} };
  const run = script.runInThisContext();
  const require = Module.createRequire(file);
  run.call(module.exports, module.exports, require, module, file, dirname(file), importPackage);
  let saved = false;
  return {
    exports: module.exports,
    cache,
    saveCache() {
      if (saved || cache === 'used' || cache === 'off') return;
      saved = true;
      writeCache(/** @type {string} */ (cacheFile), label, script.createCachedData());
    },
  };
}

/** Written aside, then renamed (a reader never sees half a file); older ones of `label` go. */
function writeCache(cacheFile, label, data) {
  const dir = dirname(cacheFile);
  const partial = `${cacheFile}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(partial, data);
    fs.renameSync(partial, cacheFile);
    const now = Date.now();
    for (const name of fs.readdirSync(dir)) {
      const other = join(dir, name);
      if (other === cacheFile || !name.startsWith(`${label}.`)) continue;
      if (now - fs.statSync(other).mtimeMs > STALE_MS) fs.rmSync(other, { force: true });
    }
  } catch {
    // A cache that cannot be written is only a slower next start: never an error of the
    // command (the folder may be below a file, read-only, or gone; then so is `partial`).
    try {
      fs.rmSync(partial, { force: true });
    } catch {
      // nothing was written
    }
  }
}

module.exports = { loadWithCodeCache, codeCacheDir };
