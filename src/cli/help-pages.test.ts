import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommanderError } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { helpPages } from './help-pages.js';
import { captureIO } from './io.js';
import { EVERY_COMMAND, addCommands, createProgram } from './program.js';
import { distIsFresh, ROOT } from './test-support/cli-command.js';

/** What the full program (every command defined) writes to stdout for `argv`, as a process would. */
async function fullStdout(argv: string[]): Promise<string> {
  const io = captureIO();
  const ctx = { io, exitCode: 0 };
  const program = createProgram(ctx);
  await addCommands(program, ctx, EVERY_COMMAND);
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError) || error.exitCode !== 0) throw error;
  }
  return io.stdout.map((text) => (text.endsWith('\n') ? text : `${text}\n`)).join('');
}

/** The bin's own CommonJS helper, as `bin/turncoat.js` requires it. */
const { fastAnswer, helpPageFor } = createRequire(import.meta.url)('../../bin/fast-answers.js') as {
  fastAnswer(argv: string[], root?: string): string | undefined;
  helpPageFor(argv: string[], pages: Record<string, string>): string | undefined;
};

const scratch = mkdtempSync(join(tmpdir(), 'turncoat-help-pages-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the help pages the fast --help prints', () => {
  it('are the full program help, byte for byte, for the top level and every command and subcommand', async () => {
    const pages = await helpPages();
    expect(Object.keys(pages)).toEqual(
      expect.arrayContaining(['', 'run', 'guard', 'guard audit verify']),
    );
    for (const [path, page] of Object.entries(pages)) {
      const argv = [...(path ? path.split(' ') : []), '--help'];
      expect({ argv, page }).toEqual({ argv, page: await fullStdout(argv) });
      expect(page).toMatch(/^Usage: turncoat/);
    }
  });

  it('answer only a plain help request: a command path, then --help or -h, and nothing else', () => {
    const pages = { '': 'top\n', run: 'run help\n', 'guard audit': 'audit help\n' };
    expect(helpPageFor(['--help'], pages)).toBe('top\n');
    expect(helpPageFor(['-h'], pages)).toBe('top\n');
    expect(helpPageFor(['run', '-h'], pages)).toBe('run help\n');
    expect(helpPageFor(['guard', 'audit', '--help'], pages)).toBe('audit help\n');
    // Anything else goes to the full CLI, which knows what it means.
    expect(helpPageFor(['run', '--samples', '2', '--help'], pages)).toBeUndefined();
    expect(helpPageFor(['rnu', '--help'], pages)).toBeUndefined();
    expect(helpPageFor(['run'], pages)).toBeUndefined();
    expect(helpPageFor(['--help', 'run'], pages)).toBeUndefined();
    expect(helpPageFor(['constructor', '--help'], pages)).toBeUndefined();
  });

  it('fall back to the full CLI when the pages file is missing or damaged', () => {
    const root = join(scratch, 'package');
    mkdirSync(join(root, 'dist', 'cli'), { recursive: true });
    writeFileSync(join(root, 'package.json'), JSON.stringify({ version: '9.8.7' }));
    expect(fastAnswer(['--help'], root)).toBeUndefined(); // no pages built
    writeFileSync(join(root, 'dist', 'cli', 'help-pages.json'), '{"": "top');
    expect(fastAnswer(['--help'], root)).toBeUndefined(); // damaged
    writeFileSync(join(root, 'dist', 'cli', 'help-pages.json'), JSON.stringify({ '': 'top\n' }));
    expect(fastAnswer(['--help'], root)).toBe('top\n');
    expect(fastAnswer(['-V'], root)).toBe('9.8.7\n');
    expect(fastAnswer(['run', '--version'], root)).toBeUndefined();
    expect(fastAnswer(['report'], root)).toBeUndefined();
  });

  // The build writes the pages; a stale or missing dist/ has nothing to check.
  it.runIf(distIsFresh())(
    'are what the built bin prints, exit 0, for --help and a subcommand -h',
    async () => {
      for (const argv of [['--help'], ['guard', 'audit', 'verify', '-h']]) {
        const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'turncoat.js'), ...argv], {
          encoding: 'utf8',
        });
        expect({ argv, status: r.status, stderr: r.stderr, stdout: r.stdout }).toEqual({
          argv,
          status: 0,
          stderr: '',
          stdout: await fullStdout(argv),
        });
      }
    },
  );
});
