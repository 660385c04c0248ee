import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommanderError } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { builtHelpPage, helpPageFor } from './built-help.js';
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
    const damaged = join(scratch, 'damaged.json');
    writeFileSync(damaged, '{"": "top');
    expect(builtHelpPage(['--help'], join(scratch, 'missing.json'))).toBeUndefined();
    expect(builtHelpPage(['--help'], damaged)).toBeUndefined();
    const good = join(scratch, 'good.json');
    writeFileSync(good, JSON.stringify({ '': 'top\n' }));
    expect(builtHelpPage(['--help'], good)).toBe('top\n');
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
