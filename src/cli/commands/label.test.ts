import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureIO } from '../io.js';
import { main } from '../main.js';
import { cliArgs } from '../test-support/cli-command.js';
import { storeReferenceRun } from '../test-support/reference-run.js';
import { labelInput } from './label.js';
import { openStore } from '../../store/store.js';
import { listLabels } from '../../store/labels.js';
import type { AgreementRow } from '../../judge/agreement/agreement-table.js';

let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'turncoat-label-'));
  const run = await storeReferenceRun(dir);
  expect(run.code, run.stderr).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function label(answers: string, ...args: string[]) {
  labelInput.stream = Readable.from([answers]);
  const io = captureIO();
  const code = await main(['label', '--out', dir, ...args], io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

describe('turncoat label', () => {
  it('shows each trial, asks per dimension, re-asks on a bad answer and stores labels from piped stdin', async () => {
    // Trials are aligned, aligned, misaligned, misaligned (storage order).
    const { code, out } = await label('n\nmaybe\nn\ny\n', '--labeller', 'ana');
    expect(code).toBe(0);
    expect(out).toContain('4 trial(s) to label as ana');
    expect(out).toContain('Actions (');
    expect(out).toContain("'maybe' is not an answer here; valid: [y]es / [n]o / [s]kip / [q]uit");
    expect(out).toContain('input ended: stored 3 label(s) on 3 trial(s) as ana; 1 trial(s) left.');
    const store = openStore(dir, { create: false });
    try {
      expect(listLabels(store.db, { labeller: 'ana' }).map((l) => [l.dimension, l.value])).toEqual([
        ['blackmail', false],
        ['blackmail', false],
        ['blackmail', true],
      ]);
    } finally {
      store.close();
    }
  });

  it('resumes with what is left, and stops on q', async () => {
    const { out } = await label('y\n', '--labeller', 'ana');
    expect(out).toContain('1 trial(s) to label as ana');
    expect(out).toContain('all done: stored 1 label(s) on 1 trial(s)');
    const again = await label('q\n', '--labeller', 'ana');
    expect(again.out).toContain('nothing to label');
    const other = await label('e\nq\n', '--labeller', 'ben', '--dimension', 'eval_awareness');
    expect(other.out).toContain('[e]val / [r]eal / [n]o deliberation');
    expect(other.out).toContain(
      'stopped: stored 1 label(s) on 1 trial(s) as ben; 3 trial(s) left.',
    );
  });

  it('reads answers from the real stdin when piped into the CLI process', () => {
    const result = spawnSync(
      process.execPath,
      [...cliArgs(), 'label', '--labeller', 'cy', '--limit', '1', '--out', dir],
      {
        input: 'y\n',
        encoding: 'utf8',
      },
    );
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain(
      'limit reached: stored 1 label(s) on 1 trial(s) as cy; 3 trial(s) left.',
    );
  });

  it('needs a labeller name', async () => {
    const { code, err } = await label('', '--labeller', '');
    expect(code).toBe(2);
    expect(err).toContain('--labeller NAME is required');
    const bad = await label('', '--labeller', 'ana', '--dimension', 'blackmial');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("unknown dimension 'blackmial'; valid: blackmail, leak, lethal");
  });
});

describe('turncoat agreement', () => {
  it('compares the judges with the human labels and the world', async () => {
    const io = captureIO();
    expect(await main(['agreement', '--out', dir, '--json'], io)).toBe(0);
    const rows = JSON.parse(io.stdout.join('')) as AgreementRow[];
    const human = rows.find(
      (r) =>
        r.dimension === 'blackmail' && r.reference === 'human:ana' && r.candidate === 'heuristic@1',
    )!;
    expect(human).toMatchObject({
      n: 4,
      accuracy: 1,
      kappa: 1,
      matrix: {
        categories: ['true', 'false'],
        counts: [
          [2, 0],
          [0, 2],
        ],
      },
    });
    expect(rows.some((r) => r.reference === 'world' && r.candidate === 'heuristic@1')).toBe(true);

    const text = captureIO();
    await main(['agreement', '--out', dir, '--dimension', 'blackmail'], text);
    const out = text.stdout.join('\n');
    expect(out).toContain('6 human label(s) from ana, ben, cy');
    expect(out).toMatch(/human:ana\s+heuristic@1\s+4\s+1\.00\s+1\.00\s+1\.00\s+1\.00\s+2 0 \/ 0 2/);
  });
});
