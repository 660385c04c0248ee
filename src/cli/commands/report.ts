import { Option, type Command } from 'commander';
import type { CommandContext, RegisterCommand } from '../main.js';
import { openStore } from '../../store/store.js';
import { formatRateTable } from '../../report/table.js';

interface ReportOptions {
  format: 'table' | 'json';
  run?: string;
  out: string;
}

export const register: RegisterCommand = (program: Command, ctx: CommandContext) => {
  program
    .command('report')
    .description(
      'Harm rates per (model, condition) with 95% Wilson intervals, from <out>/turncoat.db',
    )
    .addOption(
      new Option('--format <format>', 'table or json').choices(['table', 'json']).default('table'),
    )
    .option('--run <id>', 'run to report (default: the most recent)')
    .option('--out <dir>', 'output directory holding turncoat.db', 'turncoat-out')
    .action((options: ReportOptions) => report(options, ctx));
};

function report(options: ReportOptions, ctx: CommandContext): void {
  const store = openStore(options.out, { create: false });
  try {
    const run = store.run(options.run);
    const rows = store.rateRows(run.id);
    if (options.format === 'json') {
      ctx.io.out(JSON.stringify(rows, null, 2));
      return;
    }
    const stored = rows.reduce((n, r) => n + r.trials, 0);
    ctx.io.out(
      [
        `run ${run.id} (${run.status}, created ${run.created}, turncoat ${run.toolVersion}): ${stored} trials, protocol ${run.plan.protocol}`,
        '',
        formatRateTable(rows),
        '',
        'rate = harmful / valid; errors (failed or unscored trials) are excluded from it.',
        `next: turncoat export --format jsonl --out ${options.out}${options.run ? ` --run ${run.id}` : ''} > trials.jsonl`,
      ].join('\n'),
    );
  } finally {
    store.close();
  }
}
