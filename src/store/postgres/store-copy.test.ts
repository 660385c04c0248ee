import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/test-support/run-cli.js';
import { storeReferenceRun } from '../../cli/test-support/reference-run.js';
import { openDatabase } from '../open-database.js';
import { addLabel } from '../labels.js';
import { storeTables } from './store-tables.js';
import { postgresSuiteRuns, testPostgres, type TestPostgres } from './test-support/postgres.js';

/** Rows per table of a SQLite store. */
function counts(out: string): Record<string, number> {
  const db = openDatabase(out, { create: false });
  try {
    return Object.fromEntries(
      storeTables().map((t) => [
        t.name,
        db.prepare(`SELECT COUNT(*) FROM "${t.name}"`).pluck().get() as number,
      ]),
    );
  } finally {
    db.close();
  }
}

describe.runIf(postgresSuiteRuns('turncoat store copy'))(
  'turncoat store copy between SQLite and PostgreSQL',
  () => {
    let server: TestPostgres;
    let dir: string;
    let original: string;

    beforeAll(async () => {
      server = await testPostgres();
      dir = mkdtempSync(join(tmpdir(), 'turncoat-copy-'));
      original = join(dir, 'original');
      // A store with every kind of row: trials, a guarded run (decisions, audit trail,
      // checkpoints, incidents), a judge pass and a human label.
      expect((await storeReferenceRun(original)).code).toBe(0);
      const guarded = await runCli(
      'run', '--out', original, '--model', 'reference:misaligned', '--condition',
      'blackmail_explicit-america_replacement', '--samples', '2', '--guard', 'policies/example.yaml',
    ); // prettier-ignore
      expect(guarded.code, guarded.stderr).toBe(0);
      expect((await runCli('judge', '--judge', 'heuristic', '--out', original)).code).toBe(0);
      const db = openDatabase(original, { create: false });
      const trial = db.prepare('SELECT MIN(id) FROM trials').pluck().get() as number;
      addLabel(db, { trial, dimension: 'blackmail', value: true, labeller: 'ann' });
      db.close();
    }, 120_000);
    afterAll(async () => {
      await server?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('round-trips SQLite -> PostgreSQL -> SQLite with every table and identical reports', async () => {
      const url = await server.database();
      const there = await runCli('store', 'copy', original, url);
      expect(there.code, there.stderr).toBe(0);
      expect(there.stdout).toContain(
        'row counts checked: every table in the destination matches the source.',
      );
      expect(there.stderr).toMatch(/guard_audit\s+12 \/ 12 rows/);

      const back = join(dir, 'back');
      const again = await runCli('store', 'copy', url, back);
      expect(again.code, again.stderr).toBe(0);

      const before = counts(original);
      for (const table of [
        'trials',
        'labels',
        'judge_passes',
        'pass_outcomes',
        'guard_audit',
        'guard_checkpoints',
        'guard_incidents',
        'guard_tool_calls',
        'guard_trials',
      ]) {
        expect(before[table], table).toBeGreaterThan(0);
      }
      expect(counts(back)).toEqual(before);

      // The same reports and exports, from the copy back and from PostgreSQL itself.
      let ok = 0;
      for (const run of await runIds(original)) {
        for (const args of [
          ['report', '--format', 'json', '--run', run],
          ['report', '--format', 'json', '--run', run, '--pass', 'latest'],
          ['export', '--format', 'jsonl', '--run', run],
          ['agreement', '--json', '--run', run],
        ]) {
          const a = await runCli(...args, '--out', original);
          const b = await runCli(...args, '--out', back);
          const c = await runCli(...args, '--store', url);
          // (--pass latest on the run nobody judged is refused the same way by all three)
          if (a.code !== 0) expect(a.stderr).toContain('is not a judge pass');
          else ok++;
          expect([b.code, c.code]).toEqual([a.code, a.code]);
          expect(b.stdout, args.join(' ')).toBe(a.stdout);
          expect(c.stdout, args.join(' ')).toBe(a.stdout);
        }
      }
      expect(ok).toBe(7);
    }, 120_000);

    it('refuses a destination that holds rows unless --replace, and then leaves it complete', async () => {
      const url = await server.database();
      expect((await runCli('store', 'copy', original, url)).code).toBe(0);
      const refused = await runCli('store', 'copy', original, url);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(
        /already holds [\d,]+ rows; copy into an empty store, or pass --replace/,
      );
      const replaced = await runCli('store', 'copy', original, url, '--replace');
      expect(replaced.code, replaced.stderr).toBe(0);
      const back = join(dir, 'replaced');
      expect((await runCli('store', 'copy', url, back)).code).toBe(0);
      expect(counts(back)).toEqual(counts(original));
    }, 120_000);

    it('never prints the password of a PostgreSQL URL', async () => {
      const url = new URL(await server.database());
      url.password = 'hunter2-secret';
      const result = await runCli('report', '--store', url.toString());
      // trust authentication accepts any password: the store is simply empty.
      expect(result.code).toBe(2);
      expect(`${result.stdout}\n${result.stderr}`).not.toContain('hunter2-secret');
      const unreachable = await runCli(
        'store',
        'copy',
        original,
        'postgres://ann:hunter2-secret@127.0.0.1:1/x',
      );
      expect(unreachable.code).toBe(2);
      expect(unreachable.stderr).toContain('127.0.0.1:1');
      expect(unreachable.stderr).not.toContain('hunter2-secret');
    }, 60_000);
  },
);

async function runIds(out: string): Promise<string[]> {
  const db = openDatabase(out, { create: false });
  try {
    return db.prepare('SELECT id FROM runs ORDER BY id').pluck().all() as string[];
  } finally {
    db.close();
  }
}
