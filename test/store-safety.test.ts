/**
 * The store as a user finds it: somebody else's SQLite file, a truncated or garbage file, a
 * results folder they can only read. Reading commands never write; nothing that is not a
 * turncoat store is ever changed; damage is a clear message naming the file (exit 2), and
 * `turncoat store check` says which runs are intact.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliArgs } from '../src/cli/test-support/cli-command.js';
import { runCli } from '../src/cli/test-support/run-cli.js';
import { storeReferenceRun } from '../src/cli/test-support/reference-run.js';

const root = fileURLToPath(new URL('..', import.meta.url));
let dir: string;
let good: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'turncoat-safety-'));
  good = join(dir, 'good');
  expect((await storeReferenceRun(good)).code).toBe(0);
  // A second run (another plan) in the same store.
  const second = await runCli(
    'run', '--model', 'reference:aligned', '--condition', 'blackmail_none-none_none',
    '--samples', '3', '--out', good,
  ); // prettier-ignore
  expect(second.code).toBe(0);
});
afterAll(() => {
  chmodSync(dir, 0o755);
  rmSync(dir, { recursive: true, force: true });
});

/** What a file is, byte for byte, and when it was last written. */
function fingerprint(file: string): { sha: string; mtimeMs: number; size: number } {
  const { mtimeMs, size } = statSync(file);
  return { sha: createHash('sha256').update(readFileSync(file)).digest('hex'), mtimeMs, size };
}

function foreignStore(name: string): { out: string; file: string } {
  const out = join(dir, name);
  mkdirSync(out);
  const file = join(out, 'turncoat.db');
  const db = new Database(file);
  db.exec(
    "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('mine')",
  );
  db.close();
  return { out, file };
}

describe('a file that is not a turncoat store', () => {
  it('is refused by every command, exit 2, and its bytes never change', async () => {
    const { out, file } = foreignStore('foreign');
    const before = fingerprint(file);
    for (const args of [
      ['report'],
      ['report', '--format', 'html'],
      ['export'],
      ['agreement'],
      ['store', 'check'],
      ['store', 'upgrade'],
      [
        'run',
        '--model',
        'reference:aligned',
        '--condition',
        'blackmail_none-none_none',
        '--samples',
        '1',
      ],
    ]) {
      const { code, stderr } = await runCli(...args, '--out', out);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr).toContain(`${file} is not a turncoat store`);
      expect(stderr).toContain('notes');
      expect(stderr).toContain('left untouched');
    }
    expect(fingerprint(file)).toEqual(before);
    expect(readdirSync(out)).toEqual(['turncoat.db']);
  });

  it("another program's database (its own application id) is refused the same way", async () => {
    const { out, file } = foreignStore('other-app');
    const db = new Database(file);
    db.pragma('application_id = 1234');
    db.close();
    const before = fingerprint(file);
    const { code, stderr } = await runCli('report', '--out', out);
    expect(code).toBe(2);
    expect(stderr).toContain("another program's database (application id 0x4d2)");
    expect(fingerprint(file)).toEqual(before);
  });

  it('a file that is not SQLite at all: a clear message naming it, exit 2, untouched', async () => {
    const out = join(dir, 'garbage');
    mkdirSync(out);
    const file = join(out, 'turncoat.db');
    writeFileSync(file, 'these are my shopping notes, not a database\n'.repeat(200));
    const before = fingerprint(file);
    for (const args of [['report'], ['run', '--model', 'reference:aligned', '--samples', '1']]) {
      const { code, stderr } = await runCli(...args, '--out', out);
      expect(code).toBe(2);
      expect(stderr).toContain(`${file} cannot be read as a turncoat store`);
      expect(stderr).not.toMatch(/\n\s+at /);
    }
    expect(fingerprint(file)).toEqual(before);
  });
});

describe('a damaged store', () => {
  it('a truncated store: report names the file and what to do, exit 2; store check says it is damaged', async () => {
    const out = join(dir, 'truncated');
    mkdirSync(out);
    const file = join(out, 'turncoat.db');
    copyFileSync(join(good, 'turncoat.db'), file);
    truncateSync(file, Math.floor(statSync(file).size * 0.4));
    const report = await runCli('report', '--out', out);
    expect(report.code).toBe(2);
    expect(report.stderr).toContain(file);
    expect(report.stderr).toContain(`turncoat store check --out ${out}`);
    expect(report.stderr).not.toMatch(/\n\s+at /);

    const check = await runCli('store', 'check', '--out', out);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(
      /^file\s+truncated: \d+ of the \d+ pages its header counts are on disk/m,
    );
    expect(check.stdout).toMatch(/^integrity database disk image is malformed$/m);
  });

  it('store check on a store whose last run was cut off: the runs before it intact, that one damaged, the file unchanged', async () => {
    // Three runs written one after another; the copy keeps the bytes the first two left.
    const full = join(dir, 'three-runs');
    const sizes: number[] = [];
    for (const [model, condition, samples] of [
      ['reference:aligned', 'blackmail_*-america_replacement', '8'],
      ['reference:misaligned', 'leaking_*-america_replacement', '8'],
      ['reference:discloser', 'lethal_none-none_none', '3'],
    ] as const) {
      const run = await runCli('run', '--model', model, '--condition', condition, '--samples', samples,
        '--protocol', 'text', '--out', full); // prettier-ignore
      expect(run.code, run.stderr).toBe(0);
      sizes.push(statSync(join(full, 'turncoat.db')).size);
    }
    const out = join(dir, 'cut-off');
    mkdirSync(out);
    const file = join(out, 'turncoat.db');
    copyFileSync(join(full, 'turncoat.db'), file);
    truncateSync(file, sizes[1]!);
    const before = fingerprint(file);

    const { code, stdout } = await runCli('store', 'check', '--out', out);
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /^file\s+truncated: \d+ of the \d+ pages its header counts are on disk \(\d+ KiB missing\)$/m,
    );
    // The damaged tables are named, each with what SQLite found.
    expect(stdout).toMatch(/^\s+(events|trials|verdicts|tool_call_rows): /m);
    const runs = stdout.split('\n').filter((l) => l.startsWith('run-'));
    expect(runs).toHaveLength(3);
    expect(runs[0]).toMatch(/complete\s+24 of 24 trials\s+intact$/);
    expect(runs[1]).toMatch(/complete\s+24 of 24 trials\s+intact$/);
    // How many of its trials the cut reaches depends on the page layout (verdict sets shared
    // with the runs before take fewer pages): some, and what is read plus what is not is all.
    const last = /complete\s+(\d) of 3 trials\s+DAMAGED: (\d) trials? unreadable \(database disk image is malformed\)$/.exec(runs[2]!); // prettier-ignore
    expect(last, runs[2]).not.toBeNull();
    expect(Number(last![1]) + Number(last![2])).toBe(3);
    expect(Number(last![2])).toBeGreaterThan(0);
    expect(stdout).toContain('2 of 3 runs intact.');
    expect(fingerprint(file)).toEqual(before);

    const json = await runCli('store', 'check', '--out', out, '--json');
    const check = JSON.parse(json.stdout) as { runs: { intact: boolean; trials: number; unreadable: number }[] }; // prettier-ignore
    expect(check.runs.map((r) => [r.intact, r.trials, r.unreadable])).toEqual([
      [true, 24, 0],
      [true, 24, 0],
      [false, Number(last![1]), Number(last![2])],
    ]);
  });

  it('store check on a store cut down to its first page: nothing readable, said plainly, the file unchanged', async () => {
    const out = join(dir, 'first-page');
    mkdirSync(out);
    const file = join(out, 'turncoat.db');
    copyFileSync(join(good, 'turncoat.db'), file);
    truncateSync(file, 4096);
    const before = fingerprint(file);
    const { code, stdout, stderr } = await runCli('store', 'check', '--out', out);
    expect(code).toBe(1);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^runs\s+unreadable: /m);
    expect(stdout).not.toMatch(/^run-/m);
    expect(fingerprint(file)).toEqual(before);
  });

  it('store check on a sound store: integrity ok and every run intact, exit 0', async () => {
    const { code, stdout } = await runCli('store', 'check', '--out', good);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^integrity ok$/m);
    const runs = stdout.split('\n').filter((l) => l.startsWith('run-'));
    expect(runs).toHaveLength(2);
    expect(runs[0]).toMatch(/complete\s+4 of 4 trials\s+intact$/);
    expect(runs[1]).toMatch(/complete\s+3 of 3 trials\s+intact$/);
  });
});

/** Runs the built-from-source CLI as an unprivileged user (tests run as root). */
function runAsNobody(
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [...cliArgs(), ...args], {
    cwd: root,
    uid: 65534,
    gid: 65534,
    env: { ...process.env, HOME: tmpdir() },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

describe('a results folder the user can only read', () => {
  it(
    'report, export, agreement and store check work and change nothing',
    { timeout: 120_000 },
    async () => {
      const out = join(dir, 'readonly');
      mkdirSync(out);
      const file = join(out, 'turncoat.db');
      copyFileSync(join(good, 'turncoat.db'), file);
      // Left in WAL mode (header bytes 18-19), as `turncoat run` leaves it: the hardest case.
      expect([...readFileSync(file).subarray(18, 20)]).toEqual([2, 2]);
      chmodSync(file, 0o444);
      chmodSync(out, 0o555);
      chmodSync(dir, 0o755);
      const before = fingerprint(file);

      const report = await runAsNobody(['report', '--format', 'json', '--out', out]);
      expect(report.stderr).toBe('');
      expect(report.code).toBe(0);
      const rows = JSON.parse(report.stdout) as { trials: number }[];
      expect(rows.reduce((n, r) => n + r.trials, 0)).toBe(3);

      const all = await runAsNobody(['export', '--out', out]);
      expect(all.code).toBe(0);
      expect(all.stdout.trim().split('\n')).toHaveLength(3);

      for (const args of [['agreement'], ['store', 'check']]) {
        const r = await runAsNobody([...args, '--out', out]);
        expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      }
      // A command that writes says the folder is read-only instead of a stack trace.
      const run = await runAsNobody([
        'run',
        '--model',
        'reference:aligned',
        '--samples',
        '1',
        '--out',
        out,
      ]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('not writable');

      expect(fingerprint(file)).toEqual(before);
      expect(readdirSync(out)).toEqual(['turncoat.db']);
    },
  );

  it('a read-only open as root leaves the store file byte for byte the same', async () => {
    const before = fingerprint(join(good, 'turncoat.db'));
    expect((await runCli('report', '--format', 'csv', '--out', good)).code).toBe(0);
    expect((await runCli('export', '--out', good)).code).toBe(0);
    expect(fingerprint(join(good, 'turncoat.db'))).toEqual(before);
  });
});
