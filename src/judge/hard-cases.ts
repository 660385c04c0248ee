/**
 * The second set of hard cases (fixtures/hard-cases-2/, written after the judge was frozen):
 * imagined replies of several model families in the original harness's layout, with a human
 * label per dimension in labels.json. They go through the same path as `turncoat import`
 * with no facts file (zero-config cast, replayed tags, detectors + heuristic judge) and are
 * compared with the labels using the project's agreement code.
 * Run `node --import tsx src/judge/hard-cases.ts` to print the table in docs/judging.md.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { agreementStats, type AgreementStats } from './agreement/index.js';
import { predictedLabels } from './fixture-metrics.js';
import { readAnthropicResults } from './import/anthropic-layout.js';
import { buildImportedScenario } from './import/imported-scenario.js';
import { replayReply } from './import/replay-reply.js';
import { scoreTrial } from './score-trial.js';

/**
 * Each set was written with the judge frozen and measured once; the judge was then retuned
 * on its misses, so none of sets 2 to 18 is held out any more: they are a regression guard.
 * Held-out figures come from a set written blind after the latest freeze (docs/judging.md).
 */
export const HARD_CASE_SETS = {
  'set 2 (tuned on)': fileURLToPath(new URL('./fixtures/hard-cases-2/', import.meta.url)),
  'set 3 (tuned on)': fileURLToPath(new URL('./fixtures/hard-cases-3/', import.meta.url)),
  'set 4 (tuned on)': fileURLToPath(new URL('./fixtures/hard-cases-4/', import.meta.url)),
  'set 5 (tuned on)': fileURLToPath(new URL('./fixtures/hard-cases-5/', import.meta.url)),
  'set 6 (tuned on)': fileURLToPath(new URL('./fixtures/hard-cases-6/', import.meta.url)),
  'set 7 (tuned on)': fileURLToPath(new URL('./fixtures/hard-cases-7/', import.meta.url)),
  'set 8 (tuned on)': fileURLToPath(new URL('./fixtures/hard-cases-8/', import.meta.url)),
  'set 9 (tuned on)': fileURLToPath(new URL('./fixtures/hard-cases-9/', import.meta.url)),
  'set 10 (tuned on)': fileURLToPath(new URL('./fixtures/hard-cases-10/', import.meta.url)),
  'set 11 (tuned on)': fileURLToPath(new URL('./fixtures/hard-cases-11/', import.meta.url)),
  'set 12 (tuned on)': fileURLToPath(new URL('./fixtures/hard-cases-12/', import.meta.url)),
  'set 13 (tuned on)': fileURLToPath(new URL('./fixtures/hard-cases-13/', import.meta.url)),
  'set 14 (tuned on)': fileURLToPath(new URL('./fixtures/hard-cases-14/', import.meta.url)),
  'set 15 (tuned on)': fileURLToPath(new URL('./fixtures/hard-cases-15/', import.meta.url)),
  'set 16 (tuned on)': fileURLToPath(new URL('./fixtures/hard-cases-16/', import.meta.url)),
  'set 17 (tuned on)': fileURLToPath(new URL('./fixtures/hard-cases-17/', import.meta.url)),
  'set 18 (tuned on)': fileURLToPath(new URL('./fixtures/hard-cases-18/', import.meta.url)),
} as const;

const SET_19 = fileURLToPath(new URL('./fixtures/hard-cases-19/', import.meta.url));
/**
 * The held-out set: written blind after the twelfth freeze (the commit "Judge frozen (12): ..."
 * on 2026-11-30, docs/judging.md) and measured once; never tuned on. Its figures are the
 * ones to quote. Empty until the set's folder (fixtures/hard-cases-19/, with labels.json) is
 * added.
 */
export const HELD_OUT_SET: Partial<Record<'set 19 (held out)', string>> = existsSync(
  join(SET_19, 'labels.json'),
)
  ? { 'set 19 (held out)': SET_19 }
  : {};
/**
 * The default set for `judgeHardCases` and the guard replay (src/guard/replay), whose policy
 * targets were measured on set 6; the judge's regression test covers every set above.
 */
export const HARD_CASES_DIR = HARD_CASE_SETS['set 6 (tuned on)'];

/** The dimensions the set labels; `harmful` is the trial's primary harm. */
export const HARD_CASE_DIMENSIONS = [
  'harmful',
  'blackmail',
  'disclosure',
  'leak',
  'lethal',
] as const;
export type HardCaseDimension = (typeof HARD_CASE_DIMENSIONS)[number];

export interface HardCaseOutcome {
  /** `<model>/<condition>/sample_NNN`, the sample's folder. */
  id: string;
  why: string;
  labels: Partial<Record<HardCaseDimension, boolean>>;
  predicted: Partial<Record<HardCaseDimension, boolean | null>>;
}

type LabelFile = Record<string, { why: string } & Partial<Record<HardCaseDimension, boolean>>>;

/** Imports every sample of `dir` with no facts file and judges it offline. */
export function judgeHardCases(dir: string = HARD_CASES_DIR): HardCaseOutcome[] {
  const labels = JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')) as LabelFile;
  return readAnthropicResults(dir).map((sample) => {
    const id = relative(join(dir, 'models'), join(sample.source, '..')).split(/[\\/]/).join('/');
    const label = labels[id];
    if (!label) throw new Error(`${id}: no label in ${join(dir, 'labels.json')}`);
    const { scenario, opening } = buildImportedScenario(sample.prompts, {});
    const transcript = replayReply({
      scenario,
      opening,
      reply: sample.reply,
      startedAt: sample.startedAt,
    });
    const p = predictedLabels(scoreTrial(scenario, transcript));
    const { why, ...dims } = label;
    const predicted: HardCaseOutcome['predicted'] = {};
    for (const d of HARD_CASE_DIMENSIONS)
      predicted[d] = (p[d] as boolean | null | undefined) ?? null;
    return { id, why, labels: dims, predicted };
  });
}

export interface HardCaseRow extends AgreementStats {
  dimension: HardCaseDimension;
  /** Cases the judge got wrong, with what the label said. */
  misses: Array<{ id: string; why: string; label: boolean; predicted: boolean | null }>;
}

/** Precision, recall and Cohen's kappa per dimension, over the cases labelled for it. */
export function hardCaseAgreement(outcomes: readonly HardCaseOutcome[]): HardCaseRow[] {
  return HARD_CASE_DIMENSIONS.map((dimension) => {
    const labelled = outcomes.filter((o) => o.labels[dimension] !== undefined);
    const pairs = labelled.map((o) => ({
      item: o.id,
      reference: String(o.labels[dimension]),
      candidate: String(o.predicted[dimension]),
    }));
    const misses = labelled
      .filter((o) => o.predicted[dimension] !== o.labels[dimension])
      .map((o) => ({
        id: o.id,
        why: o.why,
        label: o.labels[dimension]!,
        predicted: o.predicted[dimension] ?? null,
      }));
    return { dimension, ...agreementStats(pairs), misses };
  });
}

const fmt = (x: number | null) => (x === null ? '—' : x.toFixed(2));

/** The rows as a Markdown table, then the misses. */
export function hardCaseTable(rows: readonly HardCaseRow[]): string {
  const lines = [
    '| dimension | cases | precision | recall | kappa | misses |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.dimension} | ${r.n} | ${fmt(r.precision)} | ${fmt(r.recall)} | ${fmt(r.kappa)} | ${r.misses.length} |`,
    ),
    '',
    ...rows.flatMap((r) =>
      r.misses.map(
        (m) =>
          `- ${r.dimension}: \`${m.id}\` (${m.why}): labelled ${m.label}, judged ${m.predicted}`,
      ),
    ),
  ];
  return lines.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const [set, dir] of Object.entries({ ...HARD_CASE_SETS, ...HELD_OUT_SET })) {
    const outcomes = judgeHardCases(dir);
    console.log(
      `\n${set}: ${outcomes.length} hard cases (${relative(process.cwd(), dir)}), offline judge, no facts file\n`,
    );
    console.log(hardCaseTable(hardCaseAgreement(outcomes)));
  }
}
