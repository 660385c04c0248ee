import type { Command } from 'commander';
import type { CommandContext, RegisterCommand } from '../main.js';
import { jsonSafe } from '../../text/terminal-safe.js';

interface AgreementOptions {
  run?: string;
  dimension?: string;
  allPasses?: boolean;
  out: string;
  json?: boolean;
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
    .option('--json', 'print the rows as JSON')
    .action((options: AgreementOptions) => agreementCommand(options, ctx));
};

async function agreementCommand(options: AgreementOptions, ctx: CommandContext): Promise<void> {
  const { checkDimension } = await import('../../judge/agreement/known-dimensions.js');
  const { openStoreReadOnly } = await import('../../store/store.js');
  const { listLabels } = await import('../../store/labels.js');
  const { listJudgePasses, listRunFindingKinds, listRunVerdicts } =
    await import('../../store/judge-passes.js');
  const { agreementTable } = await import('../../judge/agreement/agreement-table.js');
  const { collectRatings } = await import('../../judge/agreement/collect-ratings.js');
  const { formatAgreement } = await import('../../judge/agreement/format-agreement.js');
  if (options.dimension) checkDimension(options.dimension);
  const store = openStoreReadOnly(options.out);
  try {
    const run = store.run(options.run);
    const labels = listLabels(store.db, { run: run.id });
    const latest = listJudgePasses(store.db, run.id).at(-1)?.id;
    const verdicts = listRunVerdicts(store.db, run.id).filter(
      (v) => options.allPasses || v.pass === 'run' || v.pass === latest,
    );
    const { ratings, references } = collectRatings(
      verdicts,
      labels,
      listRunFindingKinds(store.db, run.id),
    );
    const rows = agreementTable(ratings, references).filter(
      (r) => !options.dimension || r.dimension === options.dimension,
    );
    if (options.json) {
      ctx.io.out(jsonSafe(JSON.stringify(rows, null, 2)));
      return;
    }
    const labellers = [...new Set(labels.map((l) => l.labeller))];
    ctx.io.out(
      [
        `agreement on run ${run.id}: ${labels.length} human label(s) from ${labellers.length ? labellers.join(', ') : 'nobody yet'}; ` +
          (options.allPasses
            ? 'every judge pass'
            : `the run's own verdicts${latest ? ` and judge pass ${latest}` : ''}`),
        '',
        formatAgreement(rows),
        '',
        labels.length
          ? `next     turncoat label --run ${run.id} --labeller NAME --out ${options.out}  (more labels, tighter numbers)`
          : `next     turncoat label --run ${run.id} --labeller NAME --out ${options.out}  (add human labels to compare against)`,
      ].join('\n'),
    );
  } finally {
    store.close();
  }
}
