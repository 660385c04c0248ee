/**
 * The peer tool for `npm run bench -- --peer promptfoo`, installed from the npm registry into
 * a cache folder outside package.json (so `npm ci` stays quick), once per pinned version.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The newest promptfoo whose `engines` admit Node 20 (`^20.20.0 || >=22.22.0`); 0.122.0
 * and later require Node >= 22.22.
 */
export const PROMPTFOO_VERSION = '0.121.20';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Where the pinned install lives: node_modules/.cache/turncoat-bench/promptfoo-<version>. */
export function peerFolder(version = PROMPTFOO_VERSION): string {
  return join(root, 'node_modules', '.cache', 'turncoat-bench', `promptfoo-${version}`);
}

/**
 * Installs promptfoo@version (production dependencies only) unless the cache already holds
 * it, and returns the path of its CLI entry point, to be run with `node`.
 *
 * @example
 *   const cli = ensurePromptfoo(); // first call takes minutes, later calls none
 *   spawnSync(process.execPath, [cli, '--version']);
 */
export function ensurePromptfoo(version = PROMPTFOO_VERSION): string {
  const folder = peerFolder(version);
  const manifest = join(folder, 'node_modules', 'promptfoo', 'package.json');
  const installed = () =>
    existsSync(manifest) &&
    (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version === version;
  if (!installed()) {
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'package.json'), '{ "private": true }\n');
    console.log(`installing promptfoo@${version} into ${folder} (once; takes a few minutes)...`);
    const npm = spawnSync(
      'npm',
      ['install', '--no-audit', '--no-fund', '--omit=dev', `promptfoo@${version}`],
      { cwd: folder, stdio: ['ignore', 'inherit', 'inherit'] },
    );
    if (npm.status !== 0 || !installed())
      throw new Error(`npm install promptfoo@${version} failed (exit ${npm.status})`);
  }
  const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { bin: Record<string, string> };
  return join(folder, 'node_modules', 'promptfoo', pkg.bin['promptfoo']!);
}
