import type { Command } from 'commander';
import type { CliIO } from './io.js';
import { EVERY_COMMAND, addCommands, createProgram } from './program.js';

/**
 * Help pages, written once by `npm run build` and printed by `bin/turncoat.js` (bin/fast-answers.js) without
 * loading the CLI: `turncoat --help` and `turncoat run --help` are typed often, and loading
 * commander and the command table cost more than the 150 ms the answer may take. The pages are
 * what the full program prints, byte for byte (the help is 80 columns wide on every terminal,
 * see `createProgram`), so the shortcut cannot drift from the live help of the same build.
 */

/** Pages by command path: `''` for `turncoat --help`, `'guard audit'` for `turncoat guard audit --help`. */
export type HelpPages = Record<string, string>;

/**
 * Every help page of the program, keyed by command path, exactly as `turncoat <path> --help`
 * writes it to stdout.
 * @example (await helpPages())['run'].startsWith('Usage: turncoat run') // true
 */
export async function helpPages(): Promise<HelpPages> {
  const full = createProgram({ io: discardIO(), exitCode: 0 });
  await addCommands(full, { io: discardIO(), exitCode: 0 }, EVERY_COMMAND);
  const { main } = await import('./main.js');
  const pages: HelpPages = {};
  for (const path of [[], ...commandPaths(full)]) {
    let stdout = '';
    const io: CliIO = {
      out: (text) => (stdout += text.endsWith('\n') ? text : `${text}\n`),
      err: (text) => {
        throw new Error(`turncoat ${path.join(' ')} --help wrote to stderr: ${text}`);
      },
      isTTY: false,
    };
    const code = await main([...path, '--help'], io);
    if (code !== 0) throw new Error(`turncoat ${path.join(' ')} --help exited ${code}`);
    pages[path.join(' ')] = stdout;
  }
  return pages;
}

/** Every command and subcommand, as typed: `['guard', 'audit', 'verify']`. */
function commandPaths(command: Command, prefix: string[] = []): string[][] {
  return command.commands.flatMap((sub) => {
    const path = [...prefix, sub.name()];
    return [path, ...commandPaths(sub, path)];
  });
}

function discardIO(): CliIO {
  return { out: () => undefined, err: () => undefined, isTTY: false };
}
