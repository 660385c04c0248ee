import { Option, type Command } from 'commander';
import type { CommandContext, RegisterCommand } from '../main.js';
import { jsonSafe } from '../../text/terminal-safe.js';
import { openReadableStore, STORE_OPTION_HELP } from '../store-option.js';

interface ExportOptions {
  format: 'jsonl' | 'csv';
  run?: string;
  out: string;
  pass?: string;
  store?: string;
}

export const register: RegisterCommand = (program: Command, ctx: CommandContext) => {
  program
    .command('export')
    .description(
      'Print one row per trial (findings and verdicts with evidence) to stdout, streaming',
    )
    .addOption(
      new Option('--format <format>', 'jsonl or csv').choices(['jsonl', 'csv']).default('jsonl'),
    )
    .option('--run <id>', 'run to export (default: the most recent)')
    .option('--out <dir>', 'output directory holding turncoat.db', 'turncoat-out')
    .option('--store <dir|url>', STORE_OPTION_HELP)
    .option(
      '--pass <id>',
      'judging pass whose harmful to export: a pass id, latest, or run (default)',
    )
    .action((options: ExportOptions) => exportTrials(options, ctx));
};

async function exportTrials(options: ExportOptions, ctx: CommandContext): Promise<void> {
  const { showPass } = await import('../../store/pass-rate-rows.js');
  const { CSV_HEADER, csvRow } = await import('../../store/export-csv.js');
  const { store, close } = await openReadableStore(options);
  // `turncoat export | head` closes the pipe early: stop quietly instead of crashing.
  let closed = false;
  // The handler stays: the pipe's error can arrive after the last write.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') closed = true;
    else throw error;
  });
  try {
    const run = store.run(options.run);
    if (options.pass) showPass(store.db, run.id, options.pass);
    if (options.format === 'csv') ctx.io.out(CSV_HEADER);
    let n = 0;
    for (const trial of store.iterate(run.id)) {
      ctx.io.out(options.format === 'csv' ? csvRow(trial) : jsonSafe(JSON.stringify(trial)));
      if (++n % 500 === 0) await new Promise((resolve) => setImmediate(resolve));
      if (closed) break;
    }
  } finally {
    close();
  }
}
