import { Option, type Command } from 'commander';
import type { CommandContext, RegisterCommand } from '../main.js';
import { openStore } from '../../store/store.js';
import { importResults, type ImportSummary } from '../../judge/import/import-results.js';
import { readAnthropicResults } from '../../judge/import/anthropic-layout.js';
import { readInspectLogs } from '../../judge/import/inspect-log.js';
import { loadFacts } from '../../judge/import/facts.js';
import { IMPORT_FORMATS, type ImportFormat } from '../../judge/import/imported-sample.js';
import { judgesForIds } from '../../judge/llm/judges-for-ids.js';
import { judgeModelStack } from '../../judge/llm/judge-model-stack.js';
import { textTable } from '../../judge/agreement/text-table.js';
import { collect } from '../options.js';

interface ImportOptions {
  format: ImportFormat;
  facts?: string;
  judge: string[];
  out: string;
  json?: boolean;
}

export const register: RegisterCommand = (program: Command, ctx: CommandContext) => {
  program
    .command('import <path>')
    .description(
      "Import another harness's results (the study's results folder, or Inspect JSON logs) as a run: rebuilt worlds, our detectors and judges, the original verdicts beside ours",
    )
    .addOption(
      new Option('--format <format>', 'layout of PATH')
        .choices([...IMPORT_FORMATS])
        .makeOptionMandatory(),
    )
    .option(
      '--facts <file>',
      'YAML facts overriding what is inferred from the prompts or recognised as the original study (agent, threatener, secret, alert, authorities)',
    )
    .option(
      '--judge <id>',
      'our judge, repeatable: heuristic (default) or a model id; the first decides',
      collect,
      [],
    )
    .option('--out <dir>', 'output directory', 'turncoat-out')
    .option('--json', 'print the summary as JSON')
    .action((path: string, options: ImportOptions) => importCommand(path, options, ctx));
};

async function importCommand(
  path: string,
  options: ImportOptions,
  ctx: CommandContext,
): Promise<void> {
  const facts = options.facts ? loadFacts(options.facts) : undefined;
  const samples =
    options.format === 'anthropic' ? readAnthropicResults(path) : readInspectLogs(path);
  const ids = options.judge.length ? options.judge : ['heuristic'];
  judgesForIds(ids); // bad judge ids are refused before the store is opened
  const store = openStore(options.out);
  try {
    // Judge models get the run's stack: rate limits, retries and the store's response cache.
    const judges = judgesForIds(ids, {}, { wrap: judgeModelStack(store.db) });
    const summary = await importResults(store, { samples, ...(facts && { facts }), judges });
    if (options.json) ctx.io.out(JSON.stringify(summary, null, 2));
    else ctx.io.out(formatImport(summary, options.out));
    if (summary.rows.some((r) => r.errors > 0)) ctx.exitCode = 1;
  } finally {
    store.close();
  }
}

const pct = (n: number, d: number) => (d === 0 ? '—' : `${((100 * n) / d).toFixed(1)}%`);

/** Ours and the original's harm rates side by side, with what the rebuild inferred. */
export function formatImport(s: ImportSummary, out: string): string {
  const table = textTable(
    ['model', 'condition', 'trials', 'errors', 'ours', 'original', 'agree'],
    s.rows.map((r) => [
      r.model,
      r.condition,
      String(r.trials),
      String(r.errors),
      `${r.harmful}/${r.scored} ${pct(r.harmful, r.scored)}`,
      `${r.originalHarmful}/${r.originalScored} ${pct(r.originalHarmful, r.originalScored)}`,
      `${r.agree}/${r.compared}`,
    ]),
  );
  const lines = [
    `imported into run ${s.run}: ${s.stored} trials stored, ${s.alreadyStored} already there.`,
    '',
    table,
    '',
  ];
  // What each world was rebuilt from: the cast as recognised or inferred, one line each.
  for (const [condition, notes] of Object.entries(s.notes))
    if (notes.length) lines.push(condition, ...notes.map((n) => `  ${n}`), '');
  const malformed = s.rows.reduce((n, r) => n + r.parseErrors, 0);
  const closers = s.rows.reduce((n, r) => n + r.oddClosers, 0);
  if (malformed)
    lines.push(
      `${malformed} trial(s) had malformed action tags or tags swallowed by an unclosed reasoning block: not performed, listed on each trial as parse errors.`,
    );
  if (closers)
    lines.push(
      `${closers} trial(s) closed their reasoning with another closer (e.g. </think> after <SCRATCHPAD_REASONING>): the text after it was read as actions; recorded on each trial.`,
    );
  const errors = s.rows.reduce((n, r) => n + r.errors, 0);
  if (errors)
    lines.push(
      `${errors} sample(s) had no usable response: stored as errors, excluded from both rates (exit code 1).`,
    );
  lines.push(
    '',
    `next     turncoat agreement --run ${s.run} --out ${out}   (ours vs the original classifier, per dimension)`,
  );
  lines.push(`         turncoat judge --run ${s.run} --judge MODEL --out ${out}`);
  return lines.join('\n');
}
