/**
 * The guard's pages talk to the guard's own HTTP API (`createGuardApi`, the approvals
 * service), mounted under `/api/guard`, plus one read of the store here: the sessions the
 * guard's audit trail has seen. The guard store is opened on the first guard request, so a
 * viewer that never shows guard pages never touches the guard's keys.
 */
import type { Hono } from 'hono';
import type { Db } from '../store/open-database.js';

export interface GuardMount {
  /** The guard API app (created on first use). */
  api(): Hono;
  /** When the viewer requires a token, the guard API is given the same one. */
  token?: string;
}

/**
 * Sessions in the guard's audit trail, most recent first, with counts of what happened: the
 * `limit` sessions with the latest entries (guard_audit_sessions), each counted over its own
 * range of the trail.
 */
export function guardSessions(db: Db, limit = 200): GuardSession[] {
  return db
    .prepare(
      `SELECT s.session AS session, MIN(g.at) AS firstAt, MAX(g.at) AS lastAt, COUNT(*) AS entries,
        SUM(g.kind = 'decision') AS decisions, SUM(g.kind = 'incident') AS incidents,
        SUM(g.kind = 'approval') AS approvals
       FROM (SELECT * FROM guard_audit_sessions ORDER BY last_seq DESC LIMIT ?) s
       JOIN guard_audit g ON g.seq BETWEEN s.first_seq AND s.last_seq AND g.session = s.session
       GROUP BY s.session ORDER BY MAX(s.last_seq) DESC`,
    )
    .all(limit) as GuardSession[];
}

export interface GuardSession {
  session: string;
  firstAt: string;
  lastAt: string;
  entries: number;
  decisions: number;
  incidents: number;
  approvals: number;
}

/**
 * Adds `/api/guard/*` (forwarded to the guard API with the prefix removed; the viewer's
 * own token check has already passed, so the guard's bearer token is added here) and
 * `/api/guard-sessions`.
 */
export function addGuardRoutes(app: Hono, db: Db, mount: GuardMount): void {
  app.get('/api/guard-sessions', (c) => c.json({ sessions: guardSessions(db) }));
  app.all('/api/guard/*', async (c) => {
    const url = new URL(c.req.url);
    url.pathname = url.pathname.replace(/^\/api\/guard/, '') || '/';
    const headers = new Headers(c.req.raw.headers);
    if (mount.token) headers.set('authorization', `Bearer ${mount.token}`);
    const body = ['GET', 'HEAD'].includes(c.req.method) ? undefined : await c.req.raw.arrayBuffer();
    return mount.api().fetch(new Request(url, { method: c.req.method, headers, body }));
  });
}
