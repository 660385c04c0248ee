/**
 * The audit trail as an auditor uses it: what `verify` reports for an intact trail and for
 * each kind of tampering (counts, the first bad entry, the reason in words), how entries are
 * filtered, and when buffered entries reach the disk and get signed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { STORE_FILE } from '../store/open-database.js';
import { CHECKPOINT_EVERY, entryHash } from '../store/guard-audit.js';
import {
  exportAudit,
  kill,
  killState,
  listIncidents,
  readIncident,
  resume,
  verifyAudit,
} from './operations.js';
import { openGuardStore } from './open-guard-store.js';
import type { GuardStore } from './guard-store.js';

const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const undo of cleanup.splice(0).reverse()) undo();
});

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'turncoat-audit-b-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function open(dir: string, now = () => Date.parse('2026-11-30T04:00:00Z')): GuardStore {
  const store = openGuardStore(dir, { now });
  cleanup.push(() => store.close());
  return store;
}

/** A closed trail of `n` entries (sessions s-0, s-1, s-2 and one without a session). */
function trail(n: number): string {
  const dir = folder();
  const store = openGuardStore(dir);
  for (let i = 0; i < n; i++)
    store.audit.append('decision', { i }, i % 4 === 3 ? undefined : `s-${i % 4}`);
  store.close();
  return dir;
}

function sql(dir: string, statement: string, ...params: unknown[]): void {
  const db = new Database(join(dir, STORE_FILE));
  db.prepare(statement).run(...params);
  db.close();
}

const verify = (dir: string) => verifyAudit(open(dir));

describe('verifying an intact trail', () => {
  it('counts entries and checkpoints and gives the public key to check signatures with', () => {
    const dir = trail(5);
    const result = verify(dir);
    expect(result).toMatchObject({ ok: true, entries: 5, checkpoints: 1 });
    expect(result).not.toHaveProperty('firstBad');
    expect(result.publicKey).toMatch(/^[A-Za-z0-9+/]+=*$/);
  });

  it('an empty trail is intact', () => {
    const store = open(folder());
    expect(verifyAudit(store)).toMatchObject({ ok: true, entries: 0, checkpoints: 0 });
  });

  it('stays intact across reopening, entries continuing the same chain', () => {
    const dir = trail(3);
    const store = open(dir);
    store.audit.append('decision', { i: 3 }, 's-0');
    const entries = store.audit.entries();
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(entries[3]!.prevHash).toBe(entries[2]!.hash);
    expect(entries[0]!.prevHash).toBe('0'.repeat(64));
    expect(verifyAudit(store)).toMatchObject({ ok: true, entries: 4 });
  });
});

describe('verifying a tampered trail names the first bad entry and why', () => {
  it('a changed entry', () => {
    const dir = trail(6);
    sql(dir, `UPDATE guard_audit SET data = '{"i":99}' WHERE seq = 4`);
    expect(verify(dir)).toMatchObject({
      ok: false,
      entries: 4,
      checkpoints: 1,
      firstBad: { seq: 4, problem: 'entry 4 was changed (its hash does not match its content)' },
    });
  });

  it('an entry whose session was removed', () => {
    const dir = trail(6);
    sql(dir, 'UPDATE guard_audit SET session = NULL WHERE seq = 2');
    expect(verify(dir).firstBad).toEqual({
      seq: 2,
      problem: 'entry 2 was changed (its hash does not match its content)',
    });
  });

  it('an entry whose stored hash was changed', () => {
    const dir = trail(6);
    sql(
      dir,
      "UPDATE guard_audit SET hash = (CASE WHEN substr(hash, 1, 1) = 'f' THEN 'e' ELSE 'f' END) || substr(hash, 2) WHERE seq = 3",
    );
    expect(verify(dir).firstBad).toEqual({
      seq: 3,
      problem: 'entry 3 was changed (its hash does not match its content)',
    });
  });

  it('a broken link', () => {
    const dir = trail(6);
    sql(dir, "UPDATE guard_audit SET prev_hash = 'ab' WHERE seq = 5");
    expect(verify(dir).firstBad).toEqual({
      seq: 5,
      problem: 'entry 5 does not link to entry 4 (inserted, deleted or reordered)',
    });
  });

  it('a deleted entry in the middle', () => {
    const dir = trail(6);
    sql(dir, 'DELETE FROM guard_audit WHERE seq = 3');
    expect(verify(dir)).toMatchObject({
      ok: false,
      entries: 3,
      firstBad: { seq: 3, problem: 'entry 3 is missing (the next entry is 4): deleted' },
    });
  });

  it('entries deleted at the end, which the signed checkpoint still covers', () => {
    const dir = trail(6);
    sql(dir, 'DELETE FROM guard_audit WHERE seq >= 5');
    expect(verify(dir)).toMatchObject({
      ok: false,
      entries: 4,
      firstBad: { seq: 5, problem: 'entries 5..6 are missing: the signed checkpoint covers 6' },
    });
  });

  it('the first entry deleted', () => {
    const dir = trail(3);
    sql(dir, 'DELETE FROM guard_audit WHERE seq = 1');
    expect(verify(dir).firstBad).toEqual({
      seq: 1,
      problem: 'entry 1 is missing (the next entry is 2): deleted',
    });
  });

  it('a forged checkpoint signature', () => {
    const dir = trail(4);
    sql(dir, "UPDATE guard_checkpoints SET signature = 'AAAA' || substr(signature, 5)");
    expect(verify(dir)).toMatchObject({
      ok: false,
      firstBad: { seq: 4, problem: 'checkpoint at entry 4 has a bad signature' },
    });
  });

  it('an entry and its checkpoint both rewritten, without the key to sign', () => {
    const dir = trail(4);
    sql(
      dir,
      "UPDATE guard_checkpoints SET hash = (CASE WHEN substr(hash, 1, 1) = 'f' THEN 'e' ELSE 'f' END) || substr(hash, 2)",
    );
    expect(verify(dir).firstBad).toEqual({
      seq: 4,
      problem: 'checkpoint at entry 4 has a bad signature',
    });
  });
});

describe('reading the trail', () => {
  it('filters by session and by entry range, inclusive', () => {
    const store = open(trail(8));
    expect(store.audit.entries({ session: 's-1' }).map((e) => e.seq)).toEqual([2, 6]);
    expect(store.audit.entries({ from: 3, to: 5 }).map((e) => e.seq)).toEqual([3, 4, 5]);
    expect(store.audit.entries({ from: 7 }).map((e) => e.seq)).toEqual([7, 8]);
    expect(store.audit.entries({ to: 1 }).map((e) => e.seq)).toEqual([1]);
    expect(store.audit.entries({ session: 's-0', from: 2 }).map((e) => e.seq)).toEqual([5]);
  });

  it('gives each entry its kind, time, data and session; none when it had no session', () => {
    const store = open(trail(4));
    const [first, , , fourth] = store.audit.entries();
    expect(first).toMatchObject({ seq: 1, kind: 'decision', data: { i: 0 }, session: 's-0' });
    expect(first!.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(fourth).not.toHaveProperty('session');
  });

  it('exports entries, then checkpoints, then the public key, as JSON lines', () => {
    const store = open(trail(3));
    const lines = [...exportAudit(store)].map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.type)).toEqual([
      'entry',
      'entry',
      'entry',
      'checkpoint',
      'public-key',
    ]);
    expect(lines[3]).toMatchObject({ seq: 3, hash: lines[2]!.hash });
    expect(lines[4]).toMatchObject({ algorithm: 'ed25519', spki: verifyAudit(store).publicKey });
  });
});

describe('when entries reach the disk and get signed', () => {
  it('buffered entries are committed within a few milliseconds, without a flush', async () => {
    const dir = folder();
    const store = open(dir);
    store.audit.append('decision', { i: 0 }, 's');
    const onDisk = () => {
      const db = new Database(join(dir, STORE_FILE), { readonly: true });
      const { n } = db.prepare('SELECT count(*) AS n FROM guard_audit').get() as { n: number };
      db.close();
      return n;
    };
    expect(onDisk()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(onDisk()).toBe(1);
    // An automatic commit signs no checkpoint; an explicit flush does.
    expect(store.audit.checkpoints()).toEqual([]);
    store.audit.flush();
    expect(store.audit.checkpoints().map((c) => c.seq)).toEqual([1]);
  });

  it(`a long-running guard signs a checkpoint every ${CHECKPOINT_EVERY} entries by itself`, () => {
    const store = open(folder());
    for (let i = 0; i < CHECKPOINT_EVERY - 1; i++) store.audit.append('decision', { i });
    expect(store.audit.entries()).toHaveLength(CHECKPOINT_EVERY - 1);
    expect(store.audit.checkpoints()).toEqual([]);
    store.audit.append('decision', { i: CHECKPOINT_EVERY });
    expect(store.audit.entries()).toHaveLength(CHECKPOINT_EVERY);
    expect(store.audit.checkpoints().map((c) => c.seq)).toEqual([CHECKPOINT_EVERY]);
  });

  it('an explicit flush with nothing new signs nothing twice', () => {
    const store = open(folder());
    store.audit.append('decision', { i: 0 });
    store.audit.flush();
    store.audit.flush();
    expect(store.audit.checkpoints()).toHaveLength(1);
    const [checkpoint] = store.audit.checkpoints();
    expect(checkpoint).toMatchObject({ seq: 1, at: '2026-11-30T04:00:00.000Z' });
  });

  it('closing the store commits and signs what was buffered', () => {
    const dir = folder();
    const store = openGuardStore(dir);
    store.audit.append('decision', { i: 0 });
    store.audit.append('decision', { i: 1 });
    store.close();
    expect(verify(dir)).toMatchObject({ ok: true, entries: 2, checkpoints: 1 });
  });
});

describe('more tampering', () => {
  it('the tail rewritten with recomputed hashes no longer matches the signed checkpoint', () => {
    const dir = trail(4);
    const db = new Database(join(dir, STORE_FILE));
    const row = db.prepare('SELECT * FROM guard_audit WHERE seq = 4').get() as Record<
      string,
      string
    >;
    const data = '{"i":999}';
    const hash = entryHash(row.prev_hash!, 4, row.at!, row.kind!, row.session ?? null, data);
    db.prepare('UPDATE guard_audit SET data = ?, hash = ? WHERE seq = 4').run(data, hash);
    db.close();
    expect(verify(dir).firstBad).toEqual({
      seq: 4,
      problem: 'entry 4 differs from the signed checkpoint',
    });
  });

  it('only the last entry deleted, which the checkpoint covers', () => {
    const dir = trail(6);
    sql(dir, 'DELETE FROM guard_audit WHERE seq = 6');
    expect(verify(dir).firstBad).toEqual({
      seq: 6,
      problem: 'entries 6..6 are missing: the signed checkpoint covers 6',
    });
  });

  it('an entry renumbered before the start', () => {
    const dir = trail(3);
    sql(dir, 'UPDATE guard_audit SET seq = 0 WHERE seq = 1');
    expect(verify(dir).firstBad).toEqual({ seq: 1, problem: 'entry 0 appears out of order' });
  });
});

describe('signing', () => {
  it('a store closed without entries signs no checkpoint', () => {
    const dir = folder();
    openGuardStore(dir).close();
    expect(verify(dir)).toMatchObject({ ok: true, entries: 0, checkpoints: 0 });
  });

  it('after the first automatic checkpoint, the next comes only 256 entries later', () => {
    const store = open(folder());
    for (let i = 0; i < CHECKPOINT_EVERY + 3; i++) store.audit.append('decision', { i });
    store.audit.entries();
    expect(store.audit.checkpoints().map((c) => c.seq)).toEqual([CHECKPOINT_EVERY]);
  });

  it(`${CHECKPOINT_EVERY} waiting entries are committed at once, without waiting for the timer`, () => {
    const dir = folder();
    const store = open(dir);
    for (let i = 0; i < CHECKPOINT_EVERY; i++) store.audit.append('decision', { i });
    const db = new Database(join(dir, STORE_FILE), { readonly: true });
    const { n } = db.prepare('SELECT count(*) AS n FROM guard_audit').get() as { n: number };
    db.close();
    expect(n).toBe(CHECKPOINT_EVERY);
  });

  it('verifying reads only: it signs nothing', () => {
    const store = open(folder());
    store.audit.append('decision', { i: 0 });
    store.audit.flush();
    store.audit.append('decision', { i: 1 });
    expect(verifyAudit(store)).toMatchObject({ ok: true, entries: 2, checkpoints: 1 });
    expect(store.audit.checkpoints()).toHaveLength(1);
  });

  it('an approval, a denial and a kill are signed at once', () => {
    const store = open(folder());
    const lastSigned = () => store.audit.checkpoints().at(-1)?.seq;
    const held = store.approvals.create({
      session: 's',
      tool: 'send_email',
      args: {},
      reason: 'r',
      required: 1,
      expiresAfterSeconds: 60,
    });
    store.approvals.approve(held.id, 'ana');
    expect(lastSigned()).toBe(store.audit.entries().length);
    kill(store, 's', 'ana', 'runaway');
    expect(lastSigned()).toBe(store.audit.entries().length);
  });
});

describe('the kill switch and incidents, as operations', () => {
  it('kill and resume one session, then everything; the state says what is stopped', () => {
    const store = open(folder());
    expect(killState(store)).toEqual({ global: false, sessions: [] });
    expect(kill(store, 's1', 'ana', 'runaway')).toEqual({ global: false, sessions: ['s1'] });
    expect(kill(store)).toEqual({ global: true, sessions: ['s1'] });
    expect(resume(store)).toEqual({ global: false, sessions: ['s1'] });
    expect(resume(store, 's1', 'ana')).toEqual({ global: false, sessions: [] });
    expect(store.audit.entries().map((e) => [e.kind, e.data])).toEqual([
      ['kill', { scope: 's1', by: 'ana', reason: 'runaway' }],
      ['kill', { scope: 'global' }],
      ['resume', { scope: 'global' }],
      ['resume', { scope: 's1', by: 'ana' }],
    ]);
  });

  it('no incidents in a new store; an unknown one is named', () => {
    const store = open(folder());
    expect(listIncidents(store)).toEqual([]);
    expect(() => readIncident(store, 'inc_nope')).toThrow(/inc_nope/);
  });
});
