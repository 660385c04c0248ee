/**
 * The live sessions of a long-running guard (a server, an MCP proxy), by id: a call for a
 * known id continues its session, an unknown id starts one. Bounded, so a process running
 * for days does not grow with every session it ever saw: a session unused for `idleMs` is
 * dropped, and past `max` sessions the least recently used one goes first. A dropped
 * session's id starts afresh if it comes back (its audit trail, approvals and kill switch
 * are in the store and are not affected).
 */
import { InputError } from '../errors.js';
import type { SessionContext } from './session.js';
import type { SessionFacts } from './types.js';

export interface SessionTableOptions {
  /** Milliseconds a session may sit unused before it is dropped (default 30 minutes). */
  idleMs: number;
  /** Most sessions kept; the least recently used goes first (default 10,000). */
  max: number;
}

export const DEFAULT_SESSION_TABLE: SessionTableOptions = { idleMs: 30 * 60_000, max: 10_000 };

export interface SessionTable {
  /**
   * The live session `id`, or a new one started with `facts` (facts apply when a session
   * starts; later ones are `session.observe({ kind: 'facts', facts })`).
   * @example const session = guard.sessions.get(request.chatId, { companyDomains: ['acme.example'] })
   */
  get(id: string, facts?: Partial<SessionFacts>): SessionContext;
  /** Whether `id` is live (does not count as use). */
  has(id: string): boolean;
  /** Ends a session now (a chat closed, an MCP session ended). */
  end(id: string): void;
  /** Live sessions. */
  readonly size: number;
}

/**
 * @example const table = createSessionTable((id, facts) => guard.session(id, facts), Date.now, {})
 */
export function createSessionTable(
  start: (id: string, facts?: Partial<SessionFacts>) => SessionContext,
  now: () => number,
  options: Partial<SessionTableOptions> = {},
): SessionTable {
  const { idleMs, max } = { ...DEFAULT_SESSION_TABLE, ...options };
  if (!(idleMs > 0))
    throw new InputError(
      `sessions.idleMs must be a number of milliseconds above 0 (got ${idleMs})`,
    );
  if (!Number.isInteger(max) || max < 1)
    throw new InputError(`sessions.max must be a whole number of at least 1 (got ${max})`);
  // A Map iterates in insertion order; a session is re-inserted on every use, so the first
  // entry is always the least recently used and eviction only ever looks at the front.
  const live = new Map<string, { session: SessionContext; usedAt: number }>();

  const evict = (at: number) => {
    for (const [id, entry] of live) {
      if (live.size <= max && at - entry.usedAt < idleMs) break;
      live.delete(id);
    }
  };

  return {
    get(id, facts) {
      const at = now();
      const entry = live.get(id);
      let session = entry?.session;
      if (entry) live.delete(id);
      if (!session || at - entry!.usedAt >= idleMs) session = start(id, facts);
      live.set(id, { session, usedAt: at });
      evict(at);
      return session;
    },
    has: (id) => live.has(id),
    end: (id) => void live.delete(id),
    get size() {
      return live.size;
    },
  };
}
