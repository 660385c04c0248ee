import type { Command } from 'commander';
import { Option } from 'commander';
import type { CommandContext, RegisterCommand } from '../main.js';
import { collect, wholeNumber } from '../options.js';

interface WorkerOptions {
  store: string;
  run: string;
  concurrency: string;
  cache: boolean;
  judge: string[];
  judgeRule?: 'majority' | 'unanimous';
}

const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export const register: RegisterCommand = (program: Command, ctx: CommandContext) => {
  program
    .command('worker')
    .description(
      'Work on a run kept in PostgreSQL: claim its trials not yet stored, run and store them; start any number, on any machines (a crashed worker\'s trials are taken over)',
    )
    .requiredOption('--store <url>', 'the PostgreSQL store: postgres://user[:password]@host[:port]/db')
    .requiredOption('--run <id>', 'the run to work on (`turncoat run --store URL` created it)')
    .option('--concurrency <n>', 'trials in flight at once in this worker', '4')
    .option('--no-cache', 'call language models even when this worker has their reply cached')
    .option('--judge <id>', 'judge model, repeatable, as given to `turncoat run`', collect, [])
    .addOption(new Option('--judge-rule <rule>', 'how several judges decide together (default: majority)').choices(['majority', 'unanimous']))
    .action((options: WorkerOptions) => workerCommand(options, ctx));
}; // prettier-ignore

async function workerCommand(options: WorkerOptions, ctx: CommandContext): Promise<void> {
  const { io } = ctx;
  const { checkPostgresUrl, redactPostgresUrl } = await import('../../store/postgres/pg-url.js');
  checkPostgresUrl(options.store);
  const concurrency = wholeNumber('--concurrency', options.concurrency, 1);
  const { defaultTrialDeps } = await import('../../run/default-trial-deps.js');
  const { runOnPostgres } = await import('../../run/run-on-postgres.js');
  const { progressDisplay } = await import('../../run/progress-display.js');
  const deps = defaultTrialDeps({
    bypassCache: !options.cache,
    concurrency,
    judges: options.judge,
    ...(options.judgeRule ? { judgeRule: options.judgeRule } : {}),
  });
  const stop = new AbortController();
  const cancel = new AbortController();
  const onSignal = () => (stop.signal.aborted ? cancel.abort() : stop.abort());
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  io.err(`worker ${process.pid} on ${redactPostgresUrl(options.store)}, run ${options.run}`);
  let result;
  try {
    result = await runOnPostgres({
      storeUrl: options.store,
      runId: options.run,
      concurrency,
      deps,
      stop: stop.signal,
      cancel: cancel.signal,
      onEvent: progressDisplay(io),
    });
  } finally {
    for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
  }
  const { outcome, run } = result;
  const stored = outcome.skipped + outcome.completed + outcome.byOthers;
  io.out(
    `worker ${process.pid}: ${outcome.completed} trials run by this worker, ${outcome.byOthers} by others meanwhile; ` +
      `run ${run.id} has ${stored} of ${outcome.total} trials stored (${run.status})`,
  );
  if (stop.signal.aborted && outcome.interrupted) ctx.exitCode = 130;
  else if (outcome.errors > 0) ctx.exitCode = 1;
}
