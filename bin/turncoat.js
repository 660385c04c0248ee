#!/usr/bin/env node
'use strict';
// `turncoat --version` and plain help requests (`turncoat --help`, `turncoat run --help`)
// answer before the CLI loads (fast-answers.js): commander and the command table cost more
// than the answer may take. `run` and `worker`, whose start-up delays a run's first model call,
// start the CLI's CommonJS bundle with V8's code cache (code-cache.js); everything else loads
// the ES module bundle. Both are built by `npm run build` (scripts/build-cli.mjs) so that
// start-up reads few files. This file and its helpers are CommonJS (bin/package.json): that
// start is cheaper than an ES module's.
const { join } = require('node:path');
const { fastAnswer } = require('./fast-answers.js');

const args = process.argv.slice(2);
const answer = fastAnswer(args);
/** Commands started from cli.cjs with a code cache, and the cache they use. */
const cacheLabel =
  args[0] === 'run'
    ? args.includes('--dry-run')
      ? 'run-dry'
      : 'run'
    : args[0] === 'worker'
      ? 'worker'
      : undefined;
if (answer !== undefined) {
  process.stdout.on('error', () => undefined); // `turncoat --help | head -1` is not a failure
  process.stdout.write(answer);
} else {
  liftoffOnly();
  if (cacheLabel === undefined || !startCached(cacheLabel))
    import('../dist/cli/bundle/main.js')
      .then(({ main }) => main(args))
      .then((code) => {
        process.exitCode = code;
      });
}

/**
 * undici parses HTTP with llhttp compiled to WebAssembly, which V8 compiles twice: at once with
 * its baseline compiler (Liftoff), then again, optimised, with TurboFan on background threads.
 * That second compile took 0.15-0.2 s of CPU in every process that makes a model call, and a
 * short run's exit waited for it (a one-trial run: 0.5 s of wall and 0.7 s of CPU -> 0.35 and
 * 0.4 s); replies' headers are a few hundred bytes, which the baseline code parses as fast as
 * a run needs. Set before any WebAssembly is compiled; V8 reads it per compile. Only this
 * process's: a program that imports turncoat keeps its own flags.
 */
function liftoffOnly() {
  require('node:v8').setFlagsFromString('--liftoff-only');
}

/** Starts `main` from cli.cjs with the code cache; false when the build has no cli.cjs. */
function startCached(label) {
  const bundle = join(__dirname, '..', 'dist', 'cli', 'bundle', 'cli.cjs');
  if (!require('node:fs').existsSync(bundle)) return false;
  const { loadWithCodeCache } = require('./code-cache.js');
  const { exports, saveCache } = loadWithCodeCache(bundle, { label });
  exports.main(args).then((code) => {
    process.exitCode = code;
    // Only a command that did its work (0, or 1: done, with failures to see) has compiled
    // what the next one will run; a refused command (2) or an interrupted run would leave
    // a cache that the next starts use without the run's code in it.
    if (code === 0 || code === 1) saveCache();
  });
  return true;
}
