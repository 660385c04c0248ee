import type { Command } from 'commander';
import { InputError } from '../../errors.js';
import type { CommandContext, RegisterCommand } from '../main.js';
import { collect, wholeNumber } from '../options.js';
import { terminalSafe } from '../../text/terminal-safe.js';

interface LabelOptions {
  run?: string;
  labeller?: string;
  dimension: string[];
  limit?: string;
  out: string;
}

/** Where answers come from; tests replace it with a stream of lines. */
export const labelInput = { stream: process.stdin as NodeJS.ReadableStream };

export const register: RegisterCommand = (program: Command, ctx: CommandContext) => {
  program
    .command('label')
    .description(
      'Label stored trials by hand (terminal or piped stdin), for judge agreement; disputed trials first',
    )
    .option('--run <id>', 'run to label (default: the most recent)')
    .option('--labeller <name>', 'who is labelling (stored with every label)')
    .option(
      '--dimension <name>',
      "dimension to ask, repeatable (default: each trial's primary harm)",
      collect,
      [],
    )
    .option('--limit <n>', 'stop after this many trials')
    .option('--out <dir>', 'output directory holding turncoat.db', 'turncoat-out')
    .action((options: LabelOptions) => labelCommand(options, ctx));
};

async function labelCommand(options: LabelOptions, ctx: CommandContext): Promise<void> {
  const { openStore } = await import('../../store/store.js');
  const { runLabelSession } = await import('../../judge/agreement/label-session.js');
  const { checkDimension } = await import('../../judge/agreement/known-dimensions.js');
  const labeller = options.labeller?.trim();
  if (!labeller)
    throw new InputError('--labeller NAME is required (it is stored with every label)');
  if (!/^[\w.@-]+$/.test(labeller))
    throw new InputError(`--labeller '${labeller}' is not valid; valid: letters, digits, . _ @ -`);
  options.dimension.forEach(checkDimension);
  const limit = options.limit === undefined ? undefined : wholeNumber('--limit', options.limit, 1);
  const store = openStore(options.out, { create: false });
  try {
    const run = store.run(options.run);
    const result = await runLabelSession(store.db, {
      run: run.id,
      labeller,
      ...(options.dimension.length && { dimensions: options.dimension }),
      ...(limit !== undefined && { limit }),
      input: labelInput.stream,
      // A person reads model output here: it is shown, never obeyed by the terminal.
      io: {
        ...ctx.io,
        out: (text) => ctx.io.out(terminalSafe(text, { multiline: true })),
        err: (text) => ctx.io.err(terminalSafe(text, { multiline: true })),
      },
    });
    const why = {
      done: 'all done',
      quit: 'stopped',
      'input-ended': 'input ended',
      limit: 'limit reached',
    }[result.ended];
    ctx.io.out(
      `\n${why}: stored ${result.labels} label(s) on ${result.trials} trial(s) as ${labeller}; ${result.remaining} trial(s) left.\n` +
        `next     turncoat agreement --run ${run.id} --out ${options.out}`,
    );
  } finally {
    store.close();
  }
}
