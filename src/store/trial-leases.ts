import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Db } from './open-database.js';

/** A trial's identity inside a run (the same shape as the run's TrialKey). */
export interface LeaseKey {
  model: string;
  condition: string;
  variant: number;
  sample: number;
}

/** What one claim decided about the keys it looked at. */
export interface Claim<K extends LeaseKey> {
  /** Leased to this process now: run them. */
  claimed: K[];
  /** Leased to another live process: it is running them; look again later. */
  busy: K[];
  /** How many of the given keys were looked at (claimed, busy or already stored). */
  consumed: number;
}

/**
 * This process's leases on one run's trials (table `trial_leases`). A trial is claimed
 * before its model is called, so processes running the same plan on the same store share
 * the work and no trial is paid for twice. A lease held by a process on this machine lasts
 * while that process exists (a busy machine may delay its renewal) and is taken over at once
 * when it is gone (SIGKILL); a holder on another machine loses it when it expires.
 */
export interface TrialLeases {
  /** `host/pid/random`: who holds a lease. */
  readonly holder: string;
  /** How often to call `renew` so a live holder's leases never expire (a third of the ttl). */
  readonly renewEveryMs: number;
  /**
   * Looks at `keys` in order and claims those neither stored nor leased to a live
   * process, until `max` are claimed; one immediate transaction.
   */
  claim<K extends LeaseKey>(keys: readonly K[], max: number): Claim<K>;
  /** Pushes this process's leases' expiry forward (called on a timer while it runs). */
  renew(): void;
  /** Drops this process's leases (trials it claimed but did not store go back to the pool). */
  release(): void;
  /** Unexpired leases on this run held by other live processes. */
  othersActive(): number;
}

export interface LeaseOptions {
  /** How long a lease lasts without renewal. Default: TURNCOAT_LEASE_MS, else 60 s. */
  ttlMs?: number;
  now?: () => number;
  /**
   * Whether a holder still runs: true or false when it can be known (a process on this
   * host), undefined when not (another host: its lease's expiry decides).
   */
  isAlive?: (holder: string) => boolean | undefined;
}

const DEFAULT_TTL_MS = 60_000;

/** The lease length: TURNCOAT_LEASE_MS when set to a whole number of ms, else 60 s. */
export function leaseTtlMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env['TURNCOAT_LEASE_MS'];
  const value = raw === undefined ? NaN : Number(raw);
  return Number.isSafeInteger(value) && value > 0 ? value : DEFAULT_TTL_MS;
}

/**
 * Whether `holder`'s process still runs, when that can be known: a process on this machine
 * is alive while it exists (its lease holds even if a busy machine delayed its renewal);
 * a holder on another machine (a shared folder) is unknown: its lease ends when it expires.
 * @example holderAlive(`${hostname()}/999999/x`) // false: no such process
 */
export function holderAlive(holder: string): boolean | undefined {
  const [host, pidText] = holder.split('/');
  const pid = Number(pidText);
  if (host !== hostname() || !Number.isSafeInteger(pid) || pid <= 0) return undefined;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Leases for `runId`, held under a fresh holder id for this process. */
export function createTrialLeases(db: Db, runId: string, options: LeaseOptions = {}): TrialLeases {
  const ttl = options.ttlMs ?? leaseTtlMs();
  const now = options.now ?? Date.now;
  const isAlive = options.isAlive ?? holderAlive;
  const holder = `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;
  const where = 'run = ? AND model = ? AND condition = ? AND variant = ? AND sample = ?';
  const stored = db.prepare(`SELECT 1 FROM trials WHERE ${where}`).pluck();
  const lease = db.prepare(`SELECT holder, expires FROM trial_leases WHERE ${where}`);
  const take = db.prepare(
    `INSERT OR REPLACE INTO trial_leases (run, model, condition, variant, sample, holder, expires)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const renew = db.prepare('UPDATE trial_leases SET expires = ? WHERE holder = ?');
  const release = db.prepare('DELETE FROM trial_leases WHERE holder = ?');
  const others = db.prepare(
    'SELECT DISTINCT holder FROM trial_leases WHERE run = ? AND holder != ? AND expires > ?',
  );

  const claim = db.transaction(<K extends LeaseKey>(keys: readonly K[], max: number) => {
    const result: Claim<K> = { claimed: [], busy: [], consumed: 0 };
    const t = now();
    const alive = new Map<string, boolean | undefined>();
    for (const key of keys) {
      if (result.claimed.length >= max) break;
      result.consumed++;
      const args = [runId, key.model, key.condition, key.variant, key.sample] as const;
      if (stored.get(...args) !== undefined) continue;
      const current = lease.get(...args) as { holder: string; expires: number } | undefined;
      if (current && current.holder !== holder) {
        if (!alive.has(current.holder)) alive.set(current.holder, isAlive(current.holder));
        const live = alive.get(current.holder) ?? current.expires > t;
        if (live) {
          result.busy.push(key);
          continue;
        }
      }
      take.run(...args, holder, t + ttl);
      result.claimed.push(key);
    }
    return result;
  });

  return {
    holder,
    renewEveryMs: Math.max(50, Math.floor(ttl / 3)),
    claim: (keys, max) => claim.immediate(keys, max) as Claim<(typeof keys)[number]>,
    renew: () => void renew.run(now() + ttl, holder),
    release: () => void release.run(holder),
    othersActive: () =>
      (others.all(runId, holder, now()) as { holder: string }[]).filter(
        (h) => isAlive(h.holder) !== false,
      ).length,
  };
}
