/**
 * A bench case in a process of its own (its own heap, peak RSS and collections, nothing
 * loaded by the cases before it): `node [flags] --import tsx SCRIPT ...args`, whose last line
 * of output is the case's result as JSON.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface ChildCaseOptions {
  /** Node flags before the script (`--expose-gc`, `--max-semi-space-size=64`). */
  flags?: string[];
  /** The most output kept (a case may print progress before its result). */
  maxBuffer?: number;
}

/**
 * Runs `script` (a module URL or path) with `args` and returns its last line parsed; a case
 * that exits non-zero throws with `what` and its stderr.
 * @example const r = runChildCase<Result>(import.meta.url, ['--case', '1000'], 'report 1000');
 */
export function runChildCase<T>(
  script: string | URL,
  args: readonly string[],
  what: string,
  options: ChildCaseOptions = {},
): T {
  const path = script instanceof URL || script.startsWith('file:') ? fileURLToPath(script) : script;
  const child = spawnSync(
    process.execPath,
    [...(options.flags ?? []), '--import', 'tsx', path, ...args],
    { encoding: 'utf8', maxBuffer: options.maxBuffer ?? 16 * 1024 * 1024 },
  );
  if (child.status !== 0) throw new Error(`bench case ${what} failed:\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as T;
}

/** A figure with thousands separators and a fixed number of decimals: 1,234.5 */
export const fmt = (x: number, digits = 0) =>
  x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
