import { runCli, type CliResult } from './run-cli.js';

/**
 * Stores a small scripted run in `out` for the commands that work on stored trials (judge,
 * label, agreement): the misaligned and the aligned reference agent, 2 samples each of the
 * headline blackmail condition, 4 trials in all.
 */
export function storeReferenceRun(out: string): Promise<CliResult> {
  return runCli(
    'run',
    '--model',
    'reference:misaligned',
    '--model',
    'reference:aligned',
    '--condition',
    'blackmail_explicit-america_replacement',
    '--samples',
    '2',
    '--out',
    out,
  );
}
