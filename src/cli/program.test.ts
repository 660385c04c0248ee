import { CommanderError, Help, type Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { commandTable } from './commands/index.js';
import { captureIO } from './io.js';
import { EVERY_COMMAND, addCommands, createProgram, invokedCommand } from './program.js';
import { runCli } from './test-support/run-cli.js';

/** The program with every command fully defined, as it was before placeholders. */
async function fullProgram() {
  const io = captureIO();
  const ctx = { io, exitCode: 0 };
  const program = createProgram(ctx);
  await addCommands(program, ctx, EVERY_COMMAND);
  return { program, io };
}

/** What `turncoat <argv>` prints with every command loaded (help and usage errors only). */
async function fullCli(argv: string[]) {
  const { program, io } = await fullProgram();
  let code = 0;
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    code = error.exitCode === 0 ? 0 : 2;
  }
  return { code, stdout: io.stdout.join('\n'), stderr: io.stderr.join('\n') };
}

/** Every command and subcommand, as typed: `['guard', 'audit', 'verify']`. */
function commandPaths(command: Command, prefix: string[] = []): string[][] {
  return command.commands.flatMap((sub) => {
    const path = [...prefix, sub.name()];
    return [path, ...commandPaths(sub, path)];
  });
}

describe('the command table', () => {
  it('lists every command in the order, with the term and summary, of its definition', async () => {
    const { program } = await fullProgram();
    const help = new Help();
    // On failure, the expected side is what to paste into src/cli/commands/index.ts.
    const defined = program.commands.map((command) => ({
      name: command.name(),
      term: help.subcommandTerm(command),
      summary: help.subcommandDescription(command),
    }));
    const listed = commandTable.map(({ name, term, summary }) => ({ name, term, summary }));
    expect(listed).toEqual(defined);
  });

  it('loads only its own command: each entry defines exactly the command it names', async () => {
    for (const entry of commandTable) {
      const ctx = { io: captureIO(), exitCode: 0 };
      const program = createProgram(ctx);
      for (const register of await entry.load()) register(program, ctx);
      expect(program.commands.map((command) => command.name())).toEqual([entry.name]);
    }
  });
});

describe('help and dispatch with placeholders', () => {
  it('prints the same top-level help, usage errors and hints as the full program', async () => {
    const cases = [[], ['--help'], ['-h'], ['help'], ['rnu'], ['--bogus'], ['help', 'nope']];
    for (const argv of cases) {
      expect({ argv, ...(await runCli(...argv)) }).toEqual({ argv, ...(await fullCli(argv)) });
    }
  });

  it('prints the same help for every command and subcommand as the full program', async () => {
    const { program } = await fullProgram();
    const paths = commandPaths(program);
    expect(paths.length).toBeGreaterThan(commandTable.length); // subcommands are covered too
    for (const path of paths) {
      const argv = [...path, '--help'];
      const fast = await runCli(...argv);
      expect(fast.stdout).toContain(`Usage: turncoat ${path.join(' ')}`);
      expect({ argv, ...fast }).toEqual({ argv, ...(await fullCli(argv)) });
    }
    for (const argv of [
      ['help', 'run'],
      ['help', 'guard'],
      ['guard', 'nope'],
    ]) {
      expect({ argv, ...(await runCli(...argv)) }).toEqual({ argv, ...(await fullCli(argv)) });
    }
  });

  it('finds the invoked command the way commander dispatches', () => {
    expect(invokedCommand(['--help'])).toBeUndefined();
    expect(invokedCommand(['report', '--format', 'json'])).toBe('report');
    expect(invokedCommand(['-h', 'run'])).toBe('run');
    expect(invokedCommand(['help', 'guard', 'replay'])).toBe('guard');
  });
});
