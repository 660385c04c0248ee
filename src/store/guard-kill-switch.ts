/**
 * The kill switch in `guard_kill_switch`: a row per killed scope ('*' for everything, or a
 * session id). Persistent, so a restarted process stays stopped until `resume`.
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
  const killed = db.prepare(
    `SELECT 1 FROM guard_kill_switch WHERE scope = '${GLOBAL_SCOPE}' OR scope = ? LIMIT 1`,
  );
  const scopes = db.prepare('SELECT scope FROM guard_kill_switch ORDER BY killed_at, scope');
  return {
    kill: (scope, by, reason, now) =>
      void upsert.run(scope, new Date(now).toISOString(), by ?? null, reason ?? null),
    // Resuming the global switch leaves sessions killed one by one as they are.
    resume: (scope) => void remove.run(scope),
    isKilled: (session) => killed.get(session) !== undefined,
    state() {
      const all = (scopes.all() as Array<{ scope: string }>).map((r) => r.scope);
      return {
        global: all.includes(GLOBAL_SCOPE),
        sessions: all.filter((s) => s !== GLOBAL_SCOPE),
      };
    },
  };
}
