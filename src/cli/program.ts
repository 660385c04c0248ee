import { Command, Help, type Option } from 'commander';
import { toolVersion } from '../version.js';
import type { CommandContext } from './main.js';
import { commandTable } from './commands/index.js';

/**
 * The `turncoat` program without its commands: name, version, help and where output goes.
 * @example const program = createProgram(ctx); await addCommands(program, ctx, 'run');
 */
export function createProgram(ctx: CommandContext): Command {
  return new Command('turncoat')
    .description('Tests whether AI agents turn against the people they work for.')
    .version(toolVersion(), '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: (s) => ctx.io.out(s), writeErr: (s) => ctx.io.err(s) })
    .showHelpAfterError('(run with --help for usage)')
    .configureHelp({ helpWidth: HELP_WIDTH, optionDescription, subcommandTerm });
}

/**
 * Help is this wide on every terminal, so the pages `npm run build` writes for the fast
 * `--help` (help-pages.ts) are what the full program would print in any window.
 */
const HELP_WIDTH = 80;

/** Asks `addCommands` for the full definition of every command (tests, tools). */
export const EVERY_COMMAND = Symbol('every command');

/**
 * Adds every command to `program`, in the help's order: the full definition of the one
 * named `invoked` (of all of them for `EVERY_COMMAND`), and for the others a placeholder that only
 * lists them in the help and in "did you mean" hints. Importing forty command modules
 * costs more than `turncoat --help` may take; a command's files load when it is invoked.
 */
export async function addCommands(
  program: Command,
  ctx: CommandContext,
  invoked: string | undefined | typeof EVERY_COMMAND,
): Promise<void> {
  for (const entry of commandTable) {
    if (invoked === EVERY_COMMAND || entry.name === invoked) {
      for (const register of await entry.load()) register(program, ctx);
    } else {
      const placeholder = new Command(entry.name).description(entry.summary);
      placeholderTerms.set(placeholder, entry.term);
      program.addCommand(placeholder);
    }
  }
}

/**
 * The top-level command `argv` invokes, read the way commander dispatches: its first word
 * that is not an option (the top-level options take no value); `help run` invokes `run`'s
 * help. Undefined when there is none (`turncoat --help`).
 * @example invokedCommand(['report', '--format', 'json']) // 'report'; invokedCommand(['-h']) // undefined
 */
export function invokedCommand(argv: readonly string[]): string | undefined {
  const words = argv.filter((arg) => !arg.startsWith('-'));
  return words[0] === 'help' ? words[1] : words[0];
}

const plainHelp = new Help();
const placeholderTerms = new WeakMap<Command, string>();

/** A placeholder's term is its command's own (`import [options] <path>`). */
function subcommandTerm(command: Command): string {
  return placeholderTerms.get(command) ?? plainHelp.subcommandTerm(command);
}

/** Repeatable options default to `[]`; "(default: [])" in help says nothing, so leave it out. */
function optionDescription(option: Option): string {
  const emptyList = Array.isArray(option.defaultValue) && option.defaultValue.length === 0;
  return emptyList ? option.description : plainHelp.optionDescription(option);
}
