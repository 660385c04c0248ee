#!/usr/bin/env node
/**
 * The one check of Chromium, shared by `.ci/run` (install it when missing) and the browser
 * test suites (skip without it locally, fail without it in CI). Plain Node, no dependencies:
 * `.ci/run` calls it before `npm ci`.
 *
 *   node scripts/chromium-path.mjs      # prints the executable's path, exit 0; or says why not, exit 1
 *
 * `TURNCOAT_CHROMIUM=/path/to/chromium` names the executable; otherwise `chromium` (then
 * `chromium-browser`) is looked up on PATH, the way `command -v` would.
 */
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isExecutable } from './executable.mjs';

const NAMES = ['chromium', 'chromium-browser'];

/**
 * Where Chromium is, or `undefined`.
 * @param {Record<string, string | undefined>} [env] defaults to `process.env`
 * @returns {string | undefined}
 * @example findChromium({ PATH: '/usr/bin' }) // '/usr/bin/chromium' when installed
 */
export function findChromium(env = process.env) {
  const named = env.TURNCOAT_CHROMIUM;
  if (named) return isExecutable(named) ? named : undefined;
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean))
    for (const name of NAMES) if (isExecutable(join(dir, name))) return join(dir, name);
  return undefined;
}

/** Why Chromium was not found, with what to do about it. */
export function missingChromiumMessage(env = process.env) {
  const where = env.TURNCOAT_CHROMIUM
    ? `TURNCOAT_CHROMIUM=${env.TURNCOAT_CHROMIUM} is not an executable file`
    : `no ${NAMES.join(' or ')} on PATH`;
  return `Chromium not found: ${where} (apt-get install chromium, or set TURNCOAT_CHROMIUM)`;
}

/** Whether this is a CI run, where a missing browser must fail instead of skipping. */
export function isCi(env = process.env) {
  const value = env.CI;
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const path = findChromium();
  if (path) console.log(path);
  else {
    console.error(missingChromiumMessage());
    process.exitCode = 1;
  }
}
