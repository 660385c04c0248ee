/**
 * The kill switch in `guard_kill_switch`: a row per killed scope ('*' for everything, or a
 * session id). Persistent, so a restarted process stays stopped until `resume`.
 *
 * `isKilled` runs before every tool call, so the killed scopes are kept in memory and read
 * again only when they may have changed. Two ways to know that:
 *
 * - With a fresh `KillSwitchView` (the audit writer thread's, see src/guard/kill-view.ts):
 *   a generation number that another thread moves whenever it sees the table change, with
 *   the time its last look began. The check is two atomic loads and a clock read, no SQL.
 * - Otherwise (no writer thread yet, or its last look is older than KILL_STALE_MS): SQLite's
 *   `PRAGMA data_version`, which moves on a commit from any other connection (another
 *   process's `turncoat guard kill`), read on every check.
 *
 * This connection's own kill and resume are seen by its next check either way. A kill or
 * resume from another connection is seen by every check that starts after it committed
 * plus KILL_STALE_MS; `kill` and `resume` therefore wait KILL_VISIBLE_MS (more than that)
 * after their commit before they return (`wait: false` skips it), so when `turncoat guard
 * kill` returns, every guard on the store stops every call it checks from then on.
 */
import type { KillState } from '../guard/records.js';
import type { Db } from './open-database.js';

export const GLOBAL_SCOPE = '*';

/**
 * A view older than this many milliseconds is not trusted: the check asks SQLite. (At 20 ms,
 * the writer thread's commits and checkpoints left the view stale for about 11% of the paced
 * bench's checks; at 100 ms, for almost none.)
 */
export const KILL_STALE_MS = 100;
/** How long `kill` and `resume` wait after their commit (see above). */
export const KILL_VISIBLE_MS = KILL_STALE_MS + 50;

/**
 * Another thread's watch on the table: `generation()` returns a number that changes whenever
 * the killed scopes may have changed, as of a look that began at most KILL_STALE_MS ago; or
 * undefined when there is no such look (the caller then reads SQLite).
 */
export type KillSwitchView = () => number | undefined;

export interface KillSwitchQueries {
  kill(scope: string, by: string | undefined, reason: string | undefined, now: number): void;
  resume(scope: string): void;
  isKilled(session: string): boolean;
  state(): KillState;
}

/** @example killSwitchQueries(db).isKilled('session-1') */
export function killSwitchQueries(db: Db, view?: KillSwitchView): KillSwitchQueries {
  const upsert = db.prepare(
    `INSERT INTO guard_kill_switch (scope, killed_at, killed_by, reason) VALUES (?, ?, ?, ?)
     ON CONFLICT (scope) DO NOTHING`,
  );
  const remove = db.prepare('DELETE FROM guard_kill_switch WHERE scope = ?');
  const scopes = db.prepare('SELECT scope FROM guard_kill_switch ORDER BY killed_at, scope');
  const dataVersion = db.prepare('PRAGMA data_version').pluck();
  const allScopes = db.prepare('SELECT scope FROM guard_kill_switch').pluck();
  let seenVersion: unknown;
  let seenGeneration: number | undefined;
  let killedScopes: Set<string> | undefined;
  const load = () => (killedScopes = new Set(allScopes.all() as string[]));
  const current = (): Set<string> => {
    const generation = view?.();
    if (generation !== undefined) {
      // Whatever loaded the set last did so after the view's generation was last seen.
      if (!killedScopes || generation !== seenGeneration) {
        seenGeneration = generation;
        return load();
      }
      return killedScopes;
    }
    const version = dataVersion.get();
    if (!killedScopes || version !== seenVersion) {
      seenVersion = version;
      return load();
    }
    return killedScopes;
  };
  return {
    kill(scope, by, reason, now) {
      upsert.run(scope, new Date(now).toISOString(), by ?? null, reason ?? null);
      killedScopes = undefined; // this connection's own writes do not move data_version
    },
    // Resuming the global switch leaves sessions killed one by one as they are.
    resume(scope) {
      remove.run(scope);
      killedScopes = undefined;
    },
    isKilled(session) {
      const killedNow = current();
      return killedNow.size > 0 && (killedNow.has(GLOBAL_SCOPE) || killedNow.has(session));
    },
    state() {
      const all = (scopes.all() as Array<{ scope: string }>).map((r) => r.scope);
      return {
        global: all.includes(GLOBAL_SCOPE),
        sessions: all.filter((s) => s !== GLOBAL_SCOPE),
      };
    },
  };
}

/**
 * The watching side, for the thread that keeps a view fresh: each call says whether the
 * killed scopes changed since the previous call (the first call: true). Reads `PRAGMA
 * data_version` and, only when it moved, the scopes.
 * @example const changed = killSwitchWatch(db); if (changed()) generation++
 */
export function killSwitchWatch(db: Db): () => boolean {
  const dataVersion = db.prepare('PRAGMA data_version').pluck();
  const allScopes = db.prepare('SELECT scope FROM guard_kill_switch ORDER BY scope').pluck();
  let seenVersion: unknown;
  let seenScopes: string | undefined;
  return () => {
    const version = dataVersion.get();
    if (version === seenVersion && seenScopes !== undefined) return false;
    seenVersion = version;
    const now = JSON.stringify(allScopes.all());
    const changed = now !== seenScopes;
    seenScopes = now;
    return changed;
  };
}
