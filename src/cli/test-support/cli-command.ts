/**
 * How a test starts `turncoat` as its own process (for signals, exit codes, several processes
 * on one store, a real stdin): the built `bin/turncoat.js` when `dist` is newer than every
 * file it is built from (as right after `npm ci`, which builds it), else the source through
 * tsx, so a test never runs a stale build. The built CLI starts with about a second less CPU
 * than tsx, which adds up over the suite's few dozen processes on a loaded machine.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** The newest modification time of `path` or of any file under it, in ms (tests left out). */
function newest(path: string): number {
  if (path.endsWith('.test.ts') || path.endsWith('test-support')) return -Infinity;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(-Infinity, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/**
 * Whether `dist` (tsc and the viewer's vite build) was built after the last change to
 * anything the build reads (test files and test-support are not built, so they do not count).
 * @example distIsFresh() // true right after `npm ci` or `npm run build`
 */
export function distIsFresh(root: string = ROOT): boolean {
  // The CLI bundle (scripts/build-cli.mjs) holds src/ as of its own build, after tsc's.
  const built = [
    'dist/cli/main.js',
    'dist/cli/bundle/main.js',
    'dist/cli/help-pages.json',
    'dist/index.js',
    'dist/web/index.html',
  ].map((f) => join(root, f));
  if (!built.every((f) => existsSync(f))) return false;
  const sources = ['src', 'package.json', 'tsconfig.json', 'tsconfig.build.json'];
  const newestSource = Math.max(...sources.map((f) => newest(join(root, f))));
  return Math.min(...built.map((f) => statSync(f).mtimeMs)) > newestSource;
}

let chosen: string[] | undefined;

/**
 * The node arguments that run the CLI: put the command's own arguments after them.
 * Decided once per test process.
 * @example spawn(process.execPath, [...cliArgs(), 'run', '--out', dir], { cwd: ROOT })
 */
export function cliArgs(): string[] {
  chosen ??= distIsFresh()
    ? [join(ROOT, 'bin', 'turncoat.js')]
    : ['--import', 'tsx', join(ROOT, 'src', 'cli', 'main.ts')];
  return [...chosen];
}
