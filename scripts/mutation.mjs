#!/usr/bin/env node
/**
 * `npm run mutation [module...]`: runs Stryker once per module of stryker.config.mjs (all of
 * them by default), incrementally, then prints one mutation score per module. Reports:
 * reports/mutation/<module>/index.html (readable in a browser) and mutation.json.
 * Exits 1 when a module scores below 75% (the floor; the target is 85%).
 *
 *   npm run mutation                 # every module
 *   npm run mutation -- stats redaction
 *   npm run mutation -- --list       # the module names
 *   npm run mutation -- stats --force  # options starting with -- go to Stryker (--force: no incremental)
 *   npm run mutation -- stats --concurrency 1  # an option's value follows it
 *
 * Stryker is not in the default install (125 packages that only this script needs): the first
 * run installs the pinned version into node_modules without saving it (`npm install
 * --no-save`, package.json and the lock stay as they are); a later `npm ci` removes it again.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { MODULES } from '../stryker.config.mjs';

/** The Stryker release the scores in the README were measured with. */
const STRYKER_VERSION = '9.6.1';
const STRYKER_PACKAGES = ['@stryker-mutator/core', '@stryker-mutator/vitest-runner'];

const FLOOR = 75;
const given = process.argv.slice(2);
// A word right after a Stryker option that is not a module name is that option's value
// (`--concurrency 1`, `--mutate src/x.ts:10-20`); `--name=value` works too.
const isValue = (arg, i) =>
  !arg.startsWith('--') &&
  i > 0 &&
  given[i - 1].startsWith('--') &&
  !given[i - 1].includes('=') &&
  !(arg in MODULES);
const args = given.filter((arg, i) => !arg.startsWith('--') && !isValue(arg, i));
const strykerOptions = given.filter(
  (arg, i) => (arg.startsWith('--') && arg !== '--list') || isValue(arg, i),
);
if (given.includes('--list')) {
  console.log(Object.keys(MODULES).join('\n'));
  process.exit(0);
}
const unknown = args.filter((name) => !(name in MODULES));
if (unknown.length > 0) {
  console.error(`unknown module ${unknown.join(', ')}; valid: ${Object.keys(MODULES).join(', ')}`);
  process.exit(2);
}
const names = args.length > 0 ? args : Object.keys(MODULES);

/** The installed version of `name`, or undefined. */
function installed(name) {
  try {
    return JSON.parse(readFileSync(`node_modules/${name}/package.json`, 'utf8')).version;
  } catch {
    return undefined;
  }
}

/** Installs the pinned Stryker when it is missing or another version (exits when that fails). */
function ensureStryker() {
  const missing = STRYKER_PACKAGES.filter((name) => installed(name) !== STRYKER_VERSION);
  if (missing.length === 0) return;
  console.log(
    `installing Stryker ${STRYKER_VERSION} (not saved to package.json): ${missing.join(', ')}`,
  );
  const install = spawnSync(
    'npm',
    [
      'install',
      '--no-save',
      '--no-audit',
      '--no-fund',
      '--ignore-scripts',
      ...STRYKER_PACKAGES.map((name) => `${name}@${STRYKER_VERSION}`),
    ],
    { stdio: 'inherit' },
  );
  if (install.status !== 0) {
    console.error(`could not install Stryker ${STRYKER_VERSION} (npm exit ${install.status})`);
    process.exit(2);
  }
}

ensureStryker();

const failedRuns = new Set();
for (const name of names) {
  console.log(`\n== mutation testing: ${name}`);
  const run = spawnSync('npx', ['stryker', 'run', 'stryker.config.mjs', ...strykerOptions], {
    stdio: 'inherit',
    env: { ...process.env, MUTATION_MODULE: name },
  });
  if (run.status !== 0) {
    console.error(`stryker failed for ${name} (exit ${run.status})`);
    failedRuns.add(name);
  }
}

/** Killed and timed-out mutants over all that ran (survived and uncovered included). */
function score(name) {
  const file = `reports/mutation/${name}/mutation.json`;
  if (!existsSync(file)) return undefined;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const count = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0 };
  for (const source of Object.values(report.files))
    for (const mutant of source.mutants) if (mutant.status in count) count[mutant.status] += 1;
  const detected = count.Killed + count.Timeout;
  const total = detected + count.Survived + count.NoCoverage;
  return { ...count, total, score: total ? (100 * detected) / total : 100 };
}

const rows = names.map((name) => ({ name, result: score(name) }));
const width = Math.max(...rows.map((r) => r.name.length), 'module'.length);
console.log(`\n${'module'.padEnd(width)}  score  killed  survived  no cov  mutants`);
let failed = false;
for (const { name, result } of rows) {
  if (!result || failedRuns.has(name)) {
    console.log(`${name.padEnd(width)}  ${result ? '(run failed; see above)' : '(no report)'}`);
    failed = true;
    continue;
  }
  const low = result.score < FLOOR;
  failed ||= low;
  console.log(
    `${name.padEnd(width)}  ${result.score.toFixed(1).padStart(5)}  ${String(result.Killed + result.Timeout).padStart(6)}  ${String(result.Survived).padStart(8)}  ${String(result.NoCoverage).padStart(6)}  ${String(result.total).padStart(7)}${low ? `  below ${FLOOR}%` : ''}`,
  );
}
process.exitCode = failed ? 1 : 0;
