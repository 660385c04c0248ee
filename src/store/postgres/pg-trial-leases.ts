import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import {
  holderAlive,
  leaseTtlMs,
  type Claim,
  type LeaseKey,
  type LeaseOptions,
} from '../trial-leases.js';
import type { PgPool } from './pg-database.js';

/** The PostgreSQL side of trial leases: the same table and rules as ../trial-leases.ts, async. */
export interface PgTrialLeases {
  readonly holder: string;
  readonly renewEveryMs: number;
  claim<K extends LeaseKey>(keys: readonly K[], max: number): Promise<Claim<K>>;
  renew(): Promise<void>;
  release(): Promise<void>;
  othersActive(): Promise<number>;
}

const KEY = 'run = $1 AND model = $2 AND condition = $3 AND variant = $4 AND sample = $5';

/**
 * Leases on one run's trials in PostgreSQL, so workers on any number of machines share a
 * run and no trial's model is called twice. A claim is one upsert per key: it takes a key
 * nobody holds, or whose lease expired, or whose holder is a process on this machine that
 * is gone (SIGKILL); the row lock PostgreSQL takes on the upsert decides between two
 * workers claiming the same key at once. The trial is then checked in `trials` in a later
 * statement, which sees every trial committed before the lease was won (a stored trial's
 * lease is deleted in the same transaction that stores it), so a stored key is never run again.
 */
export function createPgTrialLeases(
  pool: PgPool,
  runId: string,
  options: LeaseOptions = {},
): PgTrialLeases {
  const ttl = options.ttlMs ?? leaseTtlMs();
  const now = options.now ?? Date.now;
  const isAlive = options.isAlive ?? holderAlive;
  const holder = `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;
  const dead = new Set<string>();

  const take = async (args: unknown[]) =>
    (
      await pool.query(
        `INSERT INTO trial_leases (run, model, condition, variant, sample, holder, expires)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (run, model, condition, variant, sample) DO UPDATE
           SET holder = EXCLUDED.holder, expires = EXCLUDED.expires
           WHERE trial_leases.expires < $8 OR trial_leases.holder = EXCLUDED.holder
             OR trial_leases.holder = ANY($9::text[])
         RETURNING holder`,
        [...args, holder, now() + ttl, now(), [...dead]],
      )
    ).rows.length > 0;

  /** Which of `keys` are stored already: one query. */
  const storedKeys = async (keys: readonly LeaseKey[]) => {
    if (keys.length === 0) return new Set<string>();
    const result = await pool.query(
      `SELECT t.model, t.condition, t.variant, t.sample FROM trials t
       JOIN unnest($2::text[], $3::text[], $4::bigint[], $5::bigint[]) AS k(model, condition, variant, sample)
         ON t.model = k.model AND t.condition = k.condition AND t.variant = k.variant AND t.sample = k.sample
       WHERE t.run = $1`,
      [
        runId,
        keys.map((k) => k.model),
        keys.map((k) => k.condition),
        keys.map((k) => k.variant),
        keys.map((k) => k.sample),
      ],
    );
    return new Set(result.rows.map((r: LeaseKey) => keyText(r)));
  };

  async function claim<K extends LeaseKey>(keys: readonly K[], max: number): Promise<Claim<K>> {
    const result: Claim<K> = { claimed: [], busy: [], consumed: 0 };
    const stored = await storedKeys(keys);
    for (const key of keys) {
      if (result.claimed.length >= max) break;
      result.consumed++;
      if (stored.has(keyText(key))) continue;
      const args = [runId, key.model, key.condition, key.variant, key.sample];
      let won = await take(args);
      if (!won) {
        const current = await pool.query(
          `SELECT holder, expires FROM trial_leases WHERE ${KEY}`,
          args,
        );
        const other = current.rows[0] as { holder: string } | undefined;
        // Gone meanwhile (stored, or released): look once more; a holder found dead: take over.
        if (!other || (isAlive(other.holder) === false && !dead.has(other.holder))) {
          if (other) dead.add(other.holder);
          won = await take(args);
        }
        if (!won) {
          result.busy.push(key);
          continue;
        }
      }
      const done = await pool.query(`SELECT 1 FROM trials WHERE ${KEY}`, args);
      if (done.rows.length > 0) {
        await pool.query(`DELETE FROM trial_leases WHERE ${KEY} AND holder = $6`, [
          ...args,
          holder,
        ]);
        continue;
      }
      result.claimed.push(key);
    }
    return result;
  }

  return {
    holder,
    renewEveryMs: Math.max(50, Math.floor(ttl / 3)),
    claim,
    renew: async () => {
      await pool.query('UPDATE trial_leases SET expires = $1 WHERE holder = $2', [
        now() + ttl,
        holder,
      ]);
    },
    release: async () => {
      await pool.query('DELETE FROM trial_leases WHERE holder = $1', [holder]);
    },
    othersActive: async () => {
      const result = await pool.query(
        'SELECT DISTINCT holder FROM trial_leases WHERE run = $1 AND holder <> $2 AND expires > $3',
        [runId, holder, now()],
      );
      return result.rows.filter((r: { holder: string }) => isAlive(r.holder) !== false).length;
    },
  };
}

const keyText = (k: LeaseKey) => `${k.model}\0${k.condition}\0${k.variant}\0${k.sample}`;
