/**
 * The audit trail's sessions table as the deciding thread's own commits keep it (a store
 * without a writer thread, or before it starts): a session's entries are found however its
 * entries fall in a commit and across commits, entries without a session belong to none, and
 * the viewer's latest sessions are the sessions with the latest entries.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadGuardKeys } from '../guard/guard-keys.js';
import { openGuardStore } from '../guard/open-guard-store.js';
import { guardSessions } from '../view/guard-routes.js';
import { auditChainWriter, auditQueries, type PendingAuditEntry } from './guard-audit.js';
import { openDatabase, type Db } from './open-database.js';

const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const f of cleanup.splice(0).reverse()) f();
});

/** A guard store's database with the chain writer and reader the guard uses, on this thread. */
function trail() {
  const dir = mkdtempSync(join(tmpdir(), 'turncoat-audit-sessions-edges-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  openGuardStore(dir).close();
  const db: Db = openDatabase(dir, { create: false });
  cleanup.push(() => db.close());
  const keys = loadGuardKeys(dir);
  const write = auditChainWriter(db, keys);
  const read = auditQueries(db, keys);
  let minute = 0;
  /** Commits one batch: each item a session's entry (null: an entry of no session). */
  const commit = (...sessions: Array<string | null>) => {
    const at = `2026-12-01T02:${String(minute++).padStart(2, '0')}:00.000Z`;
    const entries: PendingAuditEntry[] = sessions.map((session, i) => ({
      kind: session === null ? 'kill' : 'decision',
      data: JSON.stringify({ i, tool: 'send_email', to: 'bram.okafor@lindqvist-marine.example' }),
      session,
      at,
    }));
    write(entries, at, false);
  };
  const seqsOf = (session: string) => read.entries({ session }).map((e) => e.seq);
  return { db, read, commit, seqsOf };
}

describe("the audit trail's sessions, kept by this thread's commits", () => {
  it("a session's entries spread through one commit come back, first to last, and no one else's", () => {
    const { commit, seqsOf, read } = trail();
    commit('ines', 'tomas', 'ines', null, 'ines', 'tomas');
    expect(seqsOf('ines')).toEqual([1, 3, 5]);
    expect(seqsOf('tomas')).toEqual([2, 6]);
    expect(read.entries({ session: 'ines' }).every((e) => e.session === 'ines')).toBe(true);
    expect(read.entries()).toHaveLength(6);
  });

  it("a session's range grows with later commits, and a session first seen later starts there", () => {
    const { commit, seqsOf } = trail();
    commit('ines', 'ines');
    commit('tomas');
    commit('tomas', 'ines', 'tomas');
    commit('ines');
    expect(seqsOf('ines')).toEqual([1, 2, 5, 7]);
    expect(seqsOf('tomas')).toEqual([3, 4, 6]);
    expect(seqsOf('nobody')).toEqual([]);
  });

  it('an empty session id is a session like any other: none of its entries, never the whole trail', () => {
    const { commit, seqsOf, read } = trail();
    commit('ines', null, 'tomas');
    expect(seqsOf('')).toEqual([]);
    expect(read.entries({ session: '', from: 1 })).toEqual([]);
    expect(read.entries()).toHaveLength(3);
  });

  it('a from/to window of a session gives its entries inside the window only', () => {
    const { commit, read } = trail();
    commit('ines', 'tomas', 'ines', 'ines', 'tomas', 'ines');
    const window = read.entries({ session: 'ines', from: 3, to: 4 });
    expect(window.map((e) => e.seq)).toEqual([3, 4]);
    expect(read.entries({ from: 5 }).map((e) => e.seq)).toEqual([5, 6]);
    expect(read.entries({ to: 2 }).map((e) => e.seq)).toEqual([1, 2]);
  });

  it('entries of no session (a global kill) are in no session and never crowd the latest sessions out', () => {
    const { db, commit, read } = trail();
    commit('ines', 'tomas');
    commit('tomas', null);
    commit(null);
    commit(null, null);
    expect(read.entries().filter((e) => e.session === undefined)).toHaveLength(4);
    expect(read.entries({ session: 'tomas' }).map((e) => e.seq)).toEqual([2, 3]);
    // The viewer's two latest sessions: both real ones, tomas (entry 3) before ines (entry 1).
    const latest = guardSessions(db, 2);
    expect(latest.map((s) => [s.session, s.entries])).toEqual([
      ['tomas', 2],
      ['ines', 1],
    ]);
    expect(db.prepare('SELECT COUNT(*) FROM guard_audit_sessions').pluck().get()).toBe(2);
  });

  it('a guard store without a writer thread finds a session written over several flushes', () => {
    const store = openGuardStore(':memory:');
    cleanup.push(() => store.close());
    store.audit.append('proposal', { tool: 'read_inbox' }, 'ines');
    store.audit.append('decision', { decision: 'allow' }, 'ines');
    store.audit.append('proposal', { tool: 'send_email' }, 'tomas');
    store.audit.flush();
    store.audit.append('decision', { decision: 'deny' }, 'tomas');
    store.audit.append('kill', { scope: 'global' }, undefined);
    store.audit.append('proposal', { tool: 'read_inbox' }, 'ines');
    store.audit.flush();
    expect(store.audit.entries({ session: 'ines' }).map((e) => e.data)).toEqual([
      { tool: 'read_inbox' },
      { decision: 'allow' },
      { tool: 'read_inbox' },
    ]);
    expect(store.audit.entries({ session: 'tomas' }).map((e) => e.seq)).toEqual([3, 4]);
    expect(store.audit.verify()).toMatchObject({ ok: true, entries: 6 });
  });
});
