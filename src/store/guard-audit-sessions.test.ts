import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { loadGuardKeys } from '../guard/guard-keys.js';
import { openGuardStore } from '../guard/open-guard-store.js';
import { auditChainWriter, type PendingAuditEntry } from './guard-audit.js';
import { migrate, openDatabase, STORE_FILE } from './open-database.js';
import { MIGRATIONS } from './schema.js';
import { walLog } from './wal-log.js';

const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const f of cleanup.splice(0).reverse()) f();
});

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'turncoat-audit-sessions-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const at = '2026-11-30T23:00:00.000Z';
const entry = (session: string, i: number): PendingAuditEntry => ({
  kind: 'decision',
  data: JSON.stringify({ i, tool: 'send_email', decision: 'allow', reason: 'routine' }),
  session,
  at,
});

describe("the audit trail's sessions", () => {
  it("a session's entries, interleaved with 40 other sessions' over many commits of the writer thread, come back exactly and in order", async () => {
    const dir = folder();
    const store = openGuardStore(dir);
    cleanup.push(() => store.close());
    for (let i = 0; i < 6_000; i++) {
      store.audit.append('decision', { i }, i % 7 === 0 ? undefined : `s-${i % 41}`);
      if (i % 100 === 99) await new Promise((r) => setTimeout(r, 2));
    }
    await store.audit.flushed();
    const all = store.audit.entries();
    expect(all).toHaveLength(6_000);
    for (const session of ['s-0', 's-5', 's-40']) {
      const mine = store.audit.entries({ session });
      expect(mine.map((e) => e.seq)).toEqual(
        all.filter((e) => e.session === session).map((e) => e.seq),
      );
      expect(mine.length).toBeGreaterThan(100);
    }
    expect(store.audit.entries({ session: 'never-seen' })).toEqual([]);
    expect(store.audit.verify()).toMatchObject({ ok: true, entries: 6_000 });
  }, 60_000);

  it('a commit of one entry for each of 64 sessions writes a few pages to the log, not one per session', () => {
    const dir = folder();
    openGuardStore(dir).close();
    const db = openDatabase(dir, { create: false });
    const wal = walLog(db);
    cleanup.push(() => {
      wal.close();
      db.close();
    });
    const write = auditChainWriter(db, loadGuardKeys(dir));
    // A trail that spans many pages: 64 sessions, 200 entries each, interleaved.
    for (let round = 0; round < 200; round += 10) {
      const batch: PendingAuditEntry[] = [];
      for (let r = round; r < round + 10; r++)
        for (let s = 0; s < 64; s++) batch.push(entry(`agent-${s}`, r));
      write(batch, at, false);
    }
    wal.checkpoint();
    write([entry('agent-0', -1)], at, false); // the log starts again from its beginning
    const before = wal.frames();
    write(
      Array.from({ length: 64 }, (_, s) => entry(`agent-${s}`, 200)),
      at,
      false,
    );
    // New rows fill about 7 table pages; an index on (session, seq) added a leaf per session.
    expect(wal.frames() - before).toBeLessThan(24);
    expect(db.prepare('SELECT COUNT(*) FROM guard_audit').pluck().get()).toBe(64 * 201 + 1);
  });

  it('a store written before the sessions table existed finds its sessions after the upgrade', () => {
    const dir = folder();
    const upTo = MIGRATIONS.findIndex((m) => m.includes('CREATE TABLE guard_audit_sessions'));
    expect(upTo).toBeGreaterThan(0);
    // The store as the version before this migration left it, with entries of two sessions.
    const old = new Database(join(dir, STORE_FILE));
    migrate(old, MIGRATIONS.slice(0, upTo));
    const insert = old.prepare(
      "INSERT INTO guard_audit (seq, at, kind, session, data, prev_hash, hash) VALUES (?, '2026-11-30T00:00:00Z', 'decision', ?, '{}', 'p', 'h')",
    );
    for (let seq = 1; seq <= 30; seq++)
      insert.run(seq, seq % 3 === 0 ? 'b' : seq === 7 ? null : 'a');
    old.close();
    const store = openGuardStore(dir, { create: false });
    cleanup.push(() => store.close());
    expect(store.audit.entries({ session: 'b' }).map((e) => e.seq)).toEqual([
      3, 6, 9, 12, 15, 18, 21, 24, 27, 30,
    ]);
    expect(store.audit.entries({ session: 'a' })).toHaveLength(19);
  });
});
