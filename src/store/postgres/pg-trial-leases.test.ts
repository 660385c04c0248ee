import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../open-database.js';
import { openRun } from '../runs.js';
import { sampleRecord, sampleRunInput } from '../test-support/sample-trial.js';
import { openPostgres, type PgPool } from './pg-database.js';
import { openRunPg } from './pg-runs.js';
import { createPgTrialLeases } from './pg-trial-leases.js';
import { createPgTrialSink } from './pg-trial-sink.js';
import { postgresSuiteRuns, testPostgres, type TestPostgres } from './test-support/postgres.js';

const key = (sample: number) => ({
  model: 'reference:misaligned',
  condition: 'blackmail_explicit-america_replacement',
  variant: 0,
  sample,
});

describe.runIf(postgresSuiteRuns('PostgreSQL trial leases'))(
  'trial leases and writes in PostgreSQL',
  () => {
    let server: TestPostgres;
    let pool: PgPool;
    let dir: string;
    beforeAll(async () => {
      server = await testPostgres();
      pool = await openPostgres(await server.database());
      await openRunPg(pool, sampleRunInput(4));
      dir = mkdtempSync(join(tmpdir(), 'turncoat-pg-leases-'));
    }, 60_000);
    afterAll(async () => {
      await pool?.end();
      await server?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('gives each key to one worker; another takes it over when the lease expires; a stored key is never claimed', async () => {
      let clock = 1_000;
      // Holders on "another machine": only the lease's expiry says whether they live.
      const options = { ttlMs: 100, now: () => clock, isAlive: () => undefined };
      const a = createPgTrialLeases(pool, 'run-a', options);
      const b = createPgTrialLeases(pool, 'run-a', options);
      const keys = [key(0), key(1), key(2)];

      const first = await a.claim(keys, 2);
      expect(first.claimed.map((k) => k.sample)).toEqual([0, 1]);
      const second = await b.claim(keys, 3);
      expect(second.claimed.map((k) => k.sample)).toEqual([2]);
      expect(second.busy.map((k) => k.sample)).toEqual([0, 1]);
      expect(await b.othersActive()).toBe(1);

      // a stores trial 0 (its lease goes with it), then stops renewing: its lease on 1 expires.
      const scratch = openDatabase(join(dir, 'a'));
      openRun(scratch, sampleRunInput(4));
      const sink = createPgTrialSink(pool, scratch);
      expect(await sink.writeBatch([sampleRecord('run-a', 0)])).toEqual([true]);
      clock += 500;
      // (b re-claiming its own key 2 would get it back: only 0 and 1 are asked.)
      const takeover = await b.claim([key(0), key(1)], 2);
      expect(takeover.claimed.map((k) => k.sample)).toEqual([1]);
      expect(takeover.consumed).toBe(2);

      // A worker whose lease was taken over still finishes: its copy is not stored twice.
      expect(await sink.writeBatch([sampleRecord('run-a', 0)])).toEqual([false]);
      const count = await pool.query('SELECT COUNT(*) AS n FROM trials WHERE sample = 0');
      expect(count.rows[0].n).toBe(1);
      scratch.close();
    });

    it('takes over at once the keys of a holder that is gone from this machine', async () => {
      const dead = createPgTrialLeases(pool, 'run-a', { isAlive: () => true });
      expect((await dead.claim([key(3)], 1)).claimed).toHaveLength(1);
      const alive = createPgTrialLeases(pool, 'run-a', {
        isAlive: (holder) => holder !== dead.holder,
      });
      expect((await alive.claim([key(3)], 1)).claimed.map((k) => k.sample)).toEqual([3]);
    });

    it('stores a trial with all its rows, sharing its prompt and long texts with the trials before it', async () => {
      const scratch = openDatabase(join(dir, 'c'));
      openRun(scratch, sampleRunInput(4));
      const sink = createPgTrialSink(pool, scratch);
      expect(
        await sink.writeBatch([sampleRecord('run-a', 2, false), sampleRecord('run-a', 3, null)]),
      ).toEqual([true, true]);
      const rows = async (sql: string) => (await pool.query(sql)).rows;
      expect(await rows('SELECT sample, harmful FROM trials ORDER BY sample')).toEqual([
        { sample: 0, harmful: 1 },
        { sample: 2, harmful: 0 },
        { sample: 3, harmful: null },
      ]);
      expect((await rows('SELECT COUNT(*) AS n FROM prompts'))[0].n).toBe(1);
      const perTrial = await rows(
        `SELECT t.sample, (SELECT COUNT(*) FROM messages m WHERE m.trial = t.id) AS messages,
              (SELECT COUNT(*) FROM verdicts v WHERE v.trial = t.id) AS verdicts
       FROM trials t ORDER BY t.sample`,
      );
      expect(new Set(perTrial.map((r) => `${r.messages}/${r.verdicts}`)).size).toBe(1);
      expect(perTrial[0].messages).toBeGreaterThan(0);
      // Nothing is left in the scratch file once stored.
      expect(scratch.prepare('SELECT COUNT(*) FROM trials').pluck().get()).toBe(0);
      scratch.close();
    });

    it('stores a verdict set shared by trials of two workers once, and each trial reads its own', async () => {
      await openRunPg(pool, { ...sampleRunInput(8), id: 'run-v', planHash: 'h-v' });
      const sinks = ['v1', 'v2'].map((name) => {
        const scratch = openDatabase(join(dir, name));
        openRun(scratch, { ...sampleRunInput(8), id: 'run-v', planHash: 'h-v' });
        return { scratch, sink: createPgTrialSink(pool, scratch) };
      });
      const record = (sample: number, harmful: boolean) => sampleRecord('run-v', sample, harmful);
      // Both workers store trials with the same (harmless) verdicts at once; one is harmful.
      const results = await Promise.all([
        sinks[0]!.sink.writeBatch([record(0, false), record(1, false)]),
        sinks[1]!.sink.writeBatch([record(2, false), record(3, true)]),
      ]);
      expect(results).toEqual([
        [true, true],
        [true, true],
      ]);
      const rows = async (sql: string) => (await pool.query(sql)).rows;
      const verdicts = await rows(
        `SELECT t.sample, v.value, v.rationale FROM verdicts v JOIN trials t ON t.id = v.trial
         WHERE t.run = 'run-v' ORDER BY t.sample, v.idx`,
      );
      expect(verdicts).toEqual([
        { sample: 0, value: 'false', rationale: 'fixture' },
        { sample: 1, value: 'false', rationale: 'fixture' },
        { sample: 2, value: 'false', rationale: 'fixture' },
        { sample: 3, value: 'true', rationale: 'fixture' },
      ]);
      const sets = await rows(
        `SELECT COUNT(DISTINCT l.set_id) AS n FROM verdict_links l JOIN trials t ON t.id = l.trial
         WHERE t.run = 'run-v'`,
      );
      expect(Number(sets[0].n)).toBe(2);
      for (const { scratch } of sinks) scratch.close();
    });
  },
);
