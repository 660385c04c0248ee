import { readFileSync } from 'node:fs';

/**
 * The help pages `npm run build` writes (see help-pages.ts), read by `bin/turncoat.js`
 * without loading the CLI. This module imports nothing but node's fs: it runs on every
 * `--help`.
 */

/** The file next to the built module that holds the pages: `dist/cli/help-pages.json`. */
export const HELP_PAGES_FILE = new URL('./help-pages.json', import.meta.url);

/** Pages by command path: `''` for `turncoat --help`, `'guard audit'` for `turncoat guard audit --help`. */
export type HelpPages = Record<string, string>;

/**
 * The page `argv` asks for, when it asks for nothing but a help page (`--help` or `-h` after
 * a command path and nothing else); undefined for anything the full CLI must parse.
 * @example helpPageFor(['run', '-h'], pages) // pages['run']; helpPageFor(['run', '--samples', '2', '-h'], pages) // undefined
 */
export function helpPageFor(argv: readonly string[], pages: HelpPages): string | undefined {
  const last = argv[argv.length - 1];
  if (last !== '--help' && last !== '-h') return undefined;
  const path = argv.slice(0, -1);
  if (path.some((word) => word.startsWith('-'))) return undefined;
  return Object.hasOwn(pages, path.join(' ')) ? pages[path.join(' ')] : undefined;
}

/**
 * The page for `argv` from the built pages file; undefined when `argv` is not a plain help
 * request or the file is missing or unreadable (the full CLI then answers, just slower).
 */
export function builtHelpPage(argv: readonly string[], file: URL | string = HELP_PAGES_FILE) {
  if (argv[argv.length - 1] !== '--help' && argv[argv.length - 1] !== '-h') return undefined;
  try {
    return helpPageFor(argv, JSON.parse(readFileSync(file, 'utf8')) as HelpPages);
  } catch {
    return undefined;
  }
}
