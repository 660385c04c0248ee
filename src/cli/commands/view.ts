import type { Command } from 'commander';
import type { CommandContext, RegisterCommand } from '../main.js';
import { InputError } from '../../errors.js';
import { wholeNumber } from '../options.js';
import { readableStore, STORE_OPTION_HELP } from '../store-option.js';

interface ViewOptions {
  out: string;
  port: string;
  host: string;
  run?: string;
  store?: string;
}

export const register: RegisterCommand = (program: Command, ctx: CommandContext) => {
  program
    .command('view')
    .description(
      'A local web app over the store: runs, results, trials with search, transcripts, compare, labels, agreement, and the guard (approvals, sessions, incidents, audit)',
    )
    .option('--out <dir>', 'output directory holding turncoat.db', 'turncoat-out')
    .option(
      '--store <dir|url>',
      `${STORE_OPTION_HELP}; taken once at start, restart to see newer trials; labels made meanwhile stay in the snapshot`,
    )
    .option('--port <n>', 'port to listen on (0 picks a free one)', '4173')
    .option(
      '--host <address>',
      'address to bind; anything but loopback requires the access token printed at start',
      '127.0.0.1',
    )
    .option('--run <id>', 'run to open (default: the most recent)')
    .action((options: ViewOptions) => viewCommand(options, ctx));
};

async function viewCommand(options: ViewOptions, ctx: CommandContext): Promise<void> {
  const port = wholeNumber('--port', options.port, 0);
  if (port > 65535)
    throw new InputError(`--port '${options.port}' is not valid; valid: 0 to 65535`);
  const { startViewer } = await import('../../view/serve-viewer.js');
  const source = await readableStore(options);
  const viewer = await startViewer({
    outDir: source.out,
    host: options.host,
    port,
    ...(options.run && { run: options.run }),
  });
  ctx.io.out(`turncoat viewer on ${source.label}, run ${viewer.run}`);
  if (source.snapshot)
    ctx.io.err(
      'note: a snapshot of the PostgreSQL store taken now; restart the viewer to see newer trials',
    );
  ctx.io.out(`open   ${viewer.url}#/results?run=${encodeURIComponent(viewer.run)}`);
  if (viewer.token)
    ctx.io.out(`token  ${viewer.token}  (shown once; without it every request gets 401)`);
  ctx.io.out('stop   Ctrl-C');
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await viewer.close();
  source.dispose();
}
