import { CommanderError, type Command } from 'commander';
import { InputError } from '../errors.js';
import { processIO, type CliIO } from './io.js';
import { terminalSafe } from '../text/terminal-safe.js';
import { addCommands, createProgram, invokedCommand } from './program.js';

/** Exit codes: 0 ok; 1 the run completed but something failed; 2 bad input. */
export const EXIT = { ok: 0, failed: 1, badInput: 2 } as const;

/**
 * Runs the CLI with `argv` (without `node` and the script) and resolves to the exit code.
 * Commands set `ctx.exitCode` to 1 when the work completed but something failed.
 */
export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const ctx = { io, exitCode: EXIT.ok as number };
  const program = createProgram(ctx);
  try {
    await addCommands(program, ctx, invokedCommand(argv));
    await program.parseAsync(argv, { from: 'user' });
    return ctx.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.badInput;
    }
    return reportFailure(error, io);
  }
}

/**
 * Tells what went wrong on stderr (no key, no raw control character) and picks the exit code.
 * Its modules load only when something failed: start-up is part of every command.
 */
async function reportFailure(error: unknown, io: CliIO): Promise<number> {
  const [{ redactUrlCredentials }, { describeStoreFailure }] = await Promise.all([
    import('../text/url-credentials.js'),
    import('../store/store-failure.js'),
  ]);
  if (error instanceof InputError) {
    io.err(`turncoat: ${terminalSafe(redactUrlCredentials(error.message), { multiline: true })}`);
    return EXIT.badInput;
  }
  const storeFailure = describeStoreFailure(error);
  if (storeFailure) {
    io.err(`turncoat: ${terminalSafe(storeFailure.message, { multiline: true })}`);
    return storeFailure.badInput ? EXIT.badInput : EXIT.failed;
  }
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  io.err(`turncoat: ${terminalSafe(redactUrlCredentials(text), { multiline: true })}`);
  return EXIT.failed;
}

export interface CommandContext {
  io: CliIO;
  exitCode: number;
}

export type RegisterCommand = (program: Command, ctx: CommandContext) => void;

// Run as the entry (`npm run dev`). Not a top-level await: the CLI's CommonJS bundle
// (scripts/build-cli.mjs) holds this module too, and CommonJS has none.
const isEntry = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isEntry)
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
