import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Builds dist/ and the CLI bundle when a source file is newer than either (the bench times
 * the built CLI: bin/turncoat.js loads dist/cli/bundle/, which holds src/ as of its build).
 */
export function ensureBuilt(): void {
  const built = [
    join(root, 'dist', 'cli', 'main.js'),
    join(root, 'dist', 'cli', 'bundle', 'main.js'),
  ];
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((max, e) => {
      const p = join(dir, e.name);
      if (e.isDirectory()) return e.name === 'web' ? max : Math.max(max, newest(p));
      return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')
        ? Math.max(max, statSync(p).mtimeMs)
        : max;
    }, 0);
  const sources = newest(join(root, 'src'));
  if (built.every((f) => existsSync(f) && statSync(f).mtimeMs >= sources)) return;
  console.log('building dist/ (tsc -p tsconfig.build.json, then scripts/build-cli.mjs)...');
  for (const [command, ...args] of [
    ['npx', 'tsc', '-p', 'tsconfig.build.json'],
    [process.execPath, join('scripts', 'build-cli.mjs')],
  ] as const) {
    const build = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) throw new Error(`build failed: ${command} ${args.join(' ')}`);
  }
}
