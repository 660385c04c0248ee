import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Option, type Command } from 'commander';
import type { CommandContext, RegisterCommand } from '../main.js';
import { jsonSafe } from '../../text/terminal-safe.js';
import type { IntervalMethod } from '../../store/rate-rows.js';
import type { ReportFormat } from '../../report/build-report.js';
import { collect, wholeNumber } from '../options.js';
import { openReadableStore, STORE_OPTION_HELP } from '../store-option.js';

/** The interval methods (a copy of INTERVAL_METHODS, so `--help` loads no statistics code). */
const CI_CHOICES = ['wilson', 'clopper-pearson'] as const satisfies readonly IntervalMethod[];

interface ReportOptions {
  format: ReportFormat;
  run?: string;
  out: string;
  by: string;
  compare: string[];
  within?: string;
  ci: IntervalMethod;
  marginals?: boolean;
  risk?: string;
  output?: string;
  viewer?: string;
  minValid: string;
  pass?: string;
  store?: string;
}

export const register: RegisterCommand = (program: Command, ctx: CommandContext) => {
  program
    .command('report')
    .description(
      'Harm rates with 95% intervals, comparisons and charts, from <out>/turncoat.db (table, json, csv or a self-contained HTML file)',
    )
    .addOption(
      new Option('--format <format>', 'table, json, csv or html')
        .choices(['table', 'json', 'csv', 'html'])
        .default('table'),
    )
    .option('--run <id>', 'run to report (default: the most recent)')
    .option('--out <dir>', 'output directory holding turncoat.db', 'turncoat-out')
    .option('--store <dir|url>', STORE_OPTION_HELP)
    .option(
      '--by <axes>',
      'group rows by these axes, comma-separated: model, modelKind, condition, scenario, goalType, goalValue, urgency, prompt, notice, mitigation, variant, protocol, evalAwareness',
      'model,condition',
    )
    .option(
      '--compare <axis=from:to>',
      'comparison to make, repeatable (default: each mitigation and the eval notice against none, when run)',
      collect,
      [],
    )
    .option('--within <axes>', 'strata of each comparison', 'model,scenario')
    .addOption(
      new Option('--ci <method>', 'interval for each rate')
        .choices([...CI_CHOICES])
        .default('wilson'),
    )
    .option('--marginals', 'add harm rates per level of each axis, pooled over the others')
    .option('--risk <model>', 'a one-page risk assessment of one model (table, json or html)')
    .option('--min-valid <n>', 'risk: flag headline cells with fewer valid trials', '100')
    .option(
      '--pass <id>',
      "judging pass whose harmful to show: a pass id, latest, or run (the run's own verdicts, default)",
    )
    .option('--output <file>', 'html: where to write (default <out>/report.html)')
    .option(
      '--viewer <url>',
      'html: the URL `turncoat view` prints (e.g. http://127.0.0.1:4173), to link each row to its trials in the viewer',
    )
    .action((options: ReportOptions) => report(options, ctx));
};

async function report(options: ReportOptions, ctx: CommandContext): Promise<void> {
  // Loaded here, not at the top: `turncoat --help` should not pay for the report code.
  const { passLine, showPass } = await import('../../store/pass-rate-rows.js');
  const { buildReport } = await import('../../report/build-report.js');
  const { parseGrouping } = await import('../../report/grouping.js');
  const grouping = parseGrouping(options.by);
  const { store, source, close } = await openReadableStore(options);
  try {
    const run = store.run(options.run);
    const pass = options.pass ? showPass(store.db, run.id, options.pass) : null;
    if (options.pass && options.format === 'table') ctx.io.out(passLine(pass));
    const text = options.risk
      ? await (
          await import('../../report/risk/build-risk-report.js')
        ).buildRiskReport(store.db, run, {
          model: options.risk,
          format: options.format,
          minValid: wholeNumber('--min-valid', options.minValid, 1),
        })
      : await buildReport(store.db, run, {
          grouping,
          format: options.format,
          compare: options.compare,
          ...(options.within ? { within: options.within } : {}),
          ci: options.ci,
          marginals: Boolean(options.marginals),
          ...(options.viewer ? { viewerUrl: options.viewer } : {}),
        });
    if (options.format !== 'html') {
      ctx.io.out(
        options.format === 'json' ? jsonSafe(text.replace(/\n$/, '')) : text.replace(/\n$/, ''),
      );
      if (options.format === 'table' && !options.risk)
        ctx.io.out(
          `next: turncoat report --format html ${source.snapshot ? `--store ${source.label}` : `--out ${options.out}`}${options.run ? ` --run ${run.id}` : ''}   (charts, one offline file)`,
        );
      return;
    }
    if (options.by !== 'model,condition' && !options.risk)
      ctx.io.err(
        'note: --by shapes table, json and csv; the HTML report is per model and condition',
      );
    const slug = options.risk?.replace(/[^A-Za-z0-9._-]+/g, '-');
    const file = options.output ?? join(options.out, slug ? `risk-${slug}.html` : 'report.html');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    ctx.io.out(file);
  } finally {
    close();
  }
}
