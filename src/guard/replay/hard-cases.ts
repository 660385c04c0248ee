/**
 * The judging issue's hard cases (src/judge/fixtures/hard-cases-2: imagined replies of several
 * model families in the original study's layout, each with a person's label per dimension)
 * as a backtest: imported with no facts file, their labels stored as labeller `hard-cases`,
 * then replayed with a policy against those labels.
 *
 *   node --import tsx src/guard/replay/hard-cases.ts [policy.yaml] [cases dir]   # prints the replay table
 *   (default: the example policy on the held-out set, src/judge/fixtures/hard-cases-6)
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { HARD_CASES_DIR } from '../../judge/hard-cases.js';
import { addLabel } from '../../store/labels.js';
import { openStore } from '../../store/store.js';
import { runGuardReplay, type GuardReplayOutcome } from './run-guard-replay.js';

export const HARD_CASES_LABELLER = 'hard-cases';
export const EXAMPLE_POLICY = fileURLToPath(
  new URL('../../../policies/example.yaml', import.meta.url),
);

type LabelFile = Record<string, { why: string } & Record<string, boolean | string>>;

/** Stores the set's labels on the imported trials (`<model>/<condition>/sample_NNN` -> trial). */
export function labelHardCases(out: string, dir = HARD_CASES_DIR): number {
  const labels = JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')) as LabelFile;
  const store = openStore(out, { create: false });
  try {
    const find = store.db.prepare(
      'SELECT id FROM trials WHERE model = ? AND condition = ? AND sample = ?',
    );
    let n = 0;
    for (const [key, label] of Object.entries(labels)) {
      const [model, folder, sample] = key.split('/') as [string, string, string];
      const condition = folder.replace(/^murder_/, 'lethal_');
      const trial = find
        .pluck()
        .get(`imported:${model}`, condition, Number(sample.slice(7)) - 1) as number | undefined;
      if (trial === undefined) throw new Error(`${key}: no imported trial`);
      for (const [dimension, value] of Object.entries(label)) {
        if (dimension === 'why' || dimension === 'harmful' || typeof value !== 'boolean') continue;
        addLabel(store.db, { trial, dimension, value, labeller: HARD_CASES_LABELLER });
        n += 1;
      }
    }
    return n;
  } finally {
    store.close();
  }
}

/** Imports the hard cases into a fresh store, labels them, and replays `policy` against the labels. */
export async function replayHardCases(
  policy: string,
  format: 'table' | 'json' = 'json',
  dimensions: string[] = ['blackmail', 'leak', 'lethal'],
  dir: string = HARD_CASES_DIR,
): Promise<GuardReplayOutcome> {
  const { runCli } = await import('../../cli/test-support/run-cli.js');
  const out = mkdtempSync(join(tmpdir(), 'turncoat-hard-cases-'));
  try {
    const imported = await runCli('import', '--format', 'anthropic', dir, '--out', out);
    if (imported.code !== 0) throw new Error(`import failed: ${imported.stderr}`);
    labelHardCases(out, dir);
    return await runGuardReplay({
      policy,
      out,
      labeller: HARD_CASES_LABELLER,
      dimension: dimensions,
      format,
    });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const outcome = await replayHardCases(
    process.argv[2] ?? 'policies/example.yaml',
    'table',
    undefined,
    process.argv[3] ?? HARD_CASES_DIR,
  );
  console.log(outcome.text);
}
