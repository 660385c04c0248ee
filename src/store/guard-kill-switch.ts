/**
 * The kill switch in `guard_kill_switch`: a row per killed scope ('*' for everything, or a
 * session id). Persistent, so a restarted process stays stopped until `resume`.
 *
 * `isKilled` runs before every tool call, so the killed scopes are kept in memory and read
 * again only when the database changed: by this connection's own kill/resume, or by a commit
 * from any other connection (another process's `turncoat guard kill`), which SQLite reports
 * through `PRAGMA data_version` (a counter read without touching any table).
 */
import type { KillState } from '../guard/records.js';
import type { Db } from './open-database.js';

export const GLOBAL_SCOPE = '*';

export interface KillSwitchQueries {
  kill(scope: string, by: string | undefined, reason: string | undefined, now: number): void;
  resume(scope: string): void;
  isKilled(session: string): boolean;
  state(): KillState;
}

export function killSwitchQueries(db: Db): KillSwitchQueries {
  const upsert = db.prepare(
    `INSERT INTO guard_kill_switch (scope, killed_at, killed_by, reason) VALUES (?, ?, ?, ?)
     ON CONFLICT (scope) DO NOTHING`,
  );
  const remove = db.prepare('DELETE FROM guard_kill_switch WHERE scope = ?');
  const scopes = db.prepare('SELECT scope FROM guard_kill_switch ORDER BY killed_at, scope');
  const dataVersion = db.prepare('PRAGMA data_version').pluck();
  const allScopes = db.prepare('SELECT scope FROM guard_kill_switch').pluck();
  let seenVersion: unknown;
  let killedScopes: Set<string> | undefined;
  const current = (): Set<string> => {
    const version = dataVersion.get();
    if (!killedScopes || version !== seenVersion) {
      seenVersion = version;
      killedScopes = new Set(allScopes.all() as string[]);
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
