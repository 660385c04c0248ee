'use strict';
/**
 * What `turncoat` answers before loading the CLI: `--version`, and the help pages that
 * `npm run build` writes from the full program (src/cli/help-pages.ts) for plain help
 * requests. CommonJS with nothing but node's fs, because it runs on every `--help` and a
 * CommonJS start skips the ES module loader's set-up.
 */
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const PACKAGE_ROOT = join(__dirname, '..');

/**
 * The page `argv` asks for, when it asks for nothing but a help page (`--help` or `-h` after
 * a command path and nothing else); undefined for anything the full CLI must parse.
 * @param {readonly string[]} argv
 * @param {Record<string, string>} pages  by command path: '' for the top level, 'guard audit'
 * @returns {string | undefined}
 * @example helpPageFor(['run', '-h'], pages) // pages.run; helpPageFor(['run', '--samples', '2', '-h'], pages) // undefined
 */
function helpPageFor(argv, pages) {
  const last = argv[argv.length - 1];
  if (last !== '--help' && last !== '-h') return undefined;
  const path = argv.slice(0, -1);
  if (path.some((word) => word.startsWith('-'))) return undefined;
  const key = path.join(' ');
  return Object.hasOwn(pages, key) ? pages[key] : undefined;
}

/**
 * What to print for `argv` without the CLI, or undefined when the CLI must answer (also when
 * the pages file is missing or damaged: the full CLI then answers, just slower).
 * @param {readonly string[]} argv
 * @param {string} root  the package's folder (holds package.json and dist/)
 * @returns {string | undefined}
 */
function fastAnswer(argv, root = PACKAGE_ROOT) {
  const last = argv[argv.length - 1];
  try {
    if (argv.length === 1 && (last === '--version' || last === '-V')) {
      const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
      return typeof version === 'string' ? `${version}\n` : undefined;
    }
    if (last !== '--help' && last !== '-h') return undefined;
    const pages = JSON.parse(readFileSync(join(root, 'dist', 'cli', 'help-pages.json'), 'utf8'));
    return helpPageFor(argv, pages);
  } catch {
    return undefined;
  }
}

module.exports = { fastAnswer, helpPageFor };
