import { Option, type Command } from 'commander';
import type { CommandContext, RegisterCommand } from '../main.js';
import { collect } from '../options.js';
import type { GuardReplayOptions } from '../../guard/replay/run-guard-replay.js';

/** The command's options: the replay's own, less what only a library caller passes. */
type ReplayOptions = Omit<GuardReplayOptions, 'factsOf'>;

/**
 * `turncoat guard replay`: backtests a guard policy on recorded transcripts (a stored run, or
 * production traces) without executing anything or writing to the store.
 */
export function addGuardReplay(guard: Command, ctx: CommandContext): void {
  guard
    .command('replay')
    .description(
      "Backtest a policy on recorded transcripts: every tool call of a run (or of --traces) through the policy, nothing executed, the store unchanged; scored against the run's verdicts or a person's labels. Exit 1 when a guarded run's live decision is not reproduced",
    )
    .requiredOption('--policy <file>', 'guard policy (YAML) to replay')
    .option(
      '--compare <file>',
      'a second policy: which actions one stops and the other lets through',
    )
    .option('--out <dir>', 'output directory holding turncoat.db', 'turncoat-out')
    .option('--run <id>', 'run to replay (default: the most recent)')
    .option(
      '--pass <id>',
      'judge pass whose verdicts are the reference: run (default), latest, or a pass id',
    )
    .option(
      '--labeller <name>',
      "use this person's labels (turncoat label) as the reference instead of a judge pass",
    )
    .option(
      '--traces <file>',
      'replay production traces instead of a run: JSONL sessions, or OTLP JSON spans (.json)',
    )
    .option(
      '--dimension <name>',
      'harm dimension to score, repeatable (default: blackmail, leak, lethal; e.g. disclosure)',
      collect,
      [],
    )
    .addOption(
      new Option('--format <format>', 'table or json').choices(['table', 'json']).default('table'),
    )
    .action((options: ReplayOptions) => guardReplay(options, ctx));
}

/** Registers `guard replay` under the `guard` command group, creating the group when absent. */
export const register: RegisterCommand = (program, ctx) => {
  const guard =
    program.commands.find((c) => c.name() === 'guard') ??
    program.command('guard').description('Runtime containment: the guard and its operations');
  addGuardReplay(guard, ctx);
};

async function guardReplay(options: ReplayOptions, ctx: CommandContext): Promise<void> {
  const { runGuardReplay } = await import('../../guard/replay/run-guard-replay.js');
  const outcome = await runGuardReplay(options);
  ctx.io.out(outcome.text);
  if (outcome.failed) ctx.exitCode = 1;
}
