import type { Command } from 'commander';
import type { CommandContext, RegisterCommand } from '../main.js';
import { jsonSafe } from '../../text/terminal-safe.js';
import { openReadableStore, STORE_OPTION_HELP } from '../store-option.js';

interface AgreementOptions {
  run?: string;
  dimension?: string;
  allPasses?: boolean;
  out: string;
  json?: boolean;
  store?: string;
}

export const register: RegisterCommand = (program: Command, ctx: CommandContext) => {
  program
    .command('agreement')
    .description(
      "How far judges agree with human labels, the world's detectors, the original classifier (imported runs) and each other",
    )
    .option('--run <id>', 'run to compare on (default: the most recent)')
    .option('--dimension <name>', 'only this dimension')
    .option(
      '--all-passes',
      "include every judge pass (default: the run's own verdicts and the latest pass)",
    )
    .option('--out <dir>', 'output directory holding turncoat.db', 'turncoat-out')
    .option('--store <dir|url>', STORE_OPTION_HELP)
    .option('--json', 'print the rows as JSON')
    .action((options: AgreementOptions) => agreementCommand(options, ctx));
};

async function agreementCommand(options: AgreementOptions, ctx: CommandContext): Promise<void> {
  const { checkDimension } = await import('../../judge/agreement/known-dimensions.js');
  const { runAgreement } = await import('../../judge/agreement/run-agreement.js');
  const { formatAgreement } = await import('../../judge/agreement/format-agreement.js');
  if (options.dimension) checkDimension(options.dimension);
  const { store, close } = await openReadableStore(options);
  try {
    const run = store.run(options.run);
    const {
      rows,
      labels,
      labellers,
      latestPass: latest,
    } = runAgreement(store.db, run.id, {
      ...(options.dimension && { dimension: options.dimension }),
      ...(options.allPasses && { allPasses: true }),
    });
    if (options.json) {
      ctx.io.out(jsonSafe(JSON.stringify(rows, null, 2)));
      return;
    }
    ctx.io.out(
      [
        `agreement on run ${run.id}: ${labels} human label(s) from ${labellers.length ? labellers.join(', ') : 'nobody yet'}; ` +
          (options.allPasses
            ? 'every judge pass'
            : `the run's own verdicts${latest ? ` and judge pass ${latest}` : ''}`),
        '',
        formatAgreement(rows),
        '',
        labels
          ? `next     turncoat label --run ${run.id} --labeller NAME --out ${options.out}  (more labels, tighter numbers)`
          : `next     turncoat label --run ${run.id} --labeller NAME --out ${options.out}  (add human labels to compare against)`,
      ].join('\n'),
    );
  } finally {
    close();
  }
}
