/**
 * The audit writer thread as a deployer relies on it: what it commits verifies (and tampering
 * with it is still found), `close()` and `flushed()` leave everything on disk and signed, a
 * deny is on disk when `check` returns, it never falls far behind, a failure makes the guard
 * refuse to decide, and a kill from another connection is still seen at once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { STORE_FILE } from '../store/open-database.js';
import { FLUSH_AT, MAX_IN_FLIGHT } from './audit-writer.js';
import { createGuard } from './guard.js';
import type { GuardStore } from './guard-store.js';
import { openGuardStore } from './open-guard-store.js';

const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const undo of cleanup.splice(0).reverse()) undo();
});

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'turncoat-audit-writer-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function open(dir: string): GuardStore {
  const store = openGuardStore(dir);
  cleanup.push(() => store.close());
  return store;
}

/** What another process reading the file sees: entries, the last signed entry, incidents. */
function onDisk(dir: string): {
  entries: number;
  signed: number;
  kinds: string[];
  incidents: string[];
} {
  const db = new Database(join(dir, STORE_FILE), { readonly: true });
  try {
    const kinds = db.prepare('SELECT kind FROM guard_audit ORDER BY seq').pluck().all() as string[];
    const signed = db.prepare('SELECT max(seq) FROM guard_checkpoints').pluck().get() as
      number | null;
    const incidents = db.prepare('SELECT id FROM guard_incidents').pluck().all() as string[];
    return { entries: kinds.length, signed: signed ?? 0, kinds, incidents };
  } finally {
    db.close();
  }
}

const tick = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));

/** Appends as a busy guard does (across event-loop turns) until the writer thread commits. */
async function busy(store: GuardStore): Promise<number> {
  let appended = 0;
  const started = Date.now();
  while (!store.audit.threaded) {
    if (Date.now() - started > 30_000) throw new Error('the writer thread never took over');
    store.audit.append('decision', { warmup: appended++ }, 'warm');
    await tick();
  }
  return appended;
}

describe('the audit writer thread', () => {
  it('starts only for a store in a folder, once the store is busy', async () => {
    const memory = openGuardStore(':memory:');
    cleanup.push(() => memory.close());
    const inline = openGuardStore(folder(), { auditThread: false });
    cleanup.push(() => inline.close());
    for (const store of [memory, inline]) {
      for (let i = 0; i < FLUSH_AT * 2; i++) store.audit.append('decision', { i });
      await tick(50);
      expect(store.audit.threaded).toBe(false);
    }
    const store = open(folder());
    expect(store.audit.threaded).toBe(false);
    await busy(store);
    expect(store.audit.threaded).toBe(true);
  });

  it('commits a chain that verifies, in order; a changed byte in it is still found', async () => {
    const dir = folder();
    const store = openGuardStore(dir);
    const warm = await busy(store);
    for (let i = 0; i < 1_000; i++) {
      store.audit.append(i % 2 ? 'decision' : 'proposal', { i }, `s-${i % 3}`);
      if (i % 100 === 99) await tick(1);
    }
    store.close();
    const reopened = open(dir);
    const verification = reopened.audit.verify();
    expect(verification).toMatchObject({ ok: true, entries: warm + 1_000 });
    const data = reopened.audit.entries({ from: warm + 1 }).map((e) => e.data);
    expect(data).toEqual(Array.from({ length: 1_000 }, (_, i) => ({ i })));

    const db = new Database(join(dir, STORE_FILE));
    db.prepare(`UPDATE guard_audit SET data = '{"i":7000}' WHERE seq = ?`).run(warm + 701);
    db.close();
    expect(reopened.audit.verify().firstBad).toEqual({
      seq: warm + 701,
      problem: `entry ${warm + 701} was changed (its hash does not match its content)`,
    });
  });

  it('close() commits and signs everything, also what was just handed to the thread', async () => {
    const dir = folder();
    const store = openGuardStore(dir);
    const warm = await busy(store);
    for (let i = 0; i < FLUSH_AT * 3 + 17; i++) store.audit.append('decision', { i });
    store.close();
    const total = warm + FLUSH_AT * 3 + 17;
    expect(onDisk(dir)).toMatchObject({ entries: total, signed: total });
  });

  it('flushed() resolves once everything appended is on disk and signed', async () => {
    const dir = folder();
    const store = open(dir);
    const warm = await busy(store);
    for (let i = 0; i < 40; i++) store.audit.append('decision', { i });
    await store.audit.flushed();
    expect(onDisk(dir)).toMatchObject({ entries: warm + 40, signed: warm + 40 });
  });

  it('a deny is on disk, with its incident, when check returns; an allow may still be in flight', async () => {
    const dir = folder();
    const store = open(dir);
    await busy(store);
    const guard = createGuard(
      {
        rules: [
          { id: 'no-outside', when: { recipients: 'external' }, decision: 'deny', reason: 'no' },
        ],
      },
      { store },
    );
    const session = guard.session('s', { companyDomains: ['acme.example'] });
    await guard.check({ tool: 'send_email', args: { to: 'ana@acme.example' } }, session);
    const denied = await guard.check(
      { tool: 'send_email', args: { to: 'x@rival.example' } },
      session,
    );
    expect(denied.decision).toBe('deny');
    const disk = onDisk(dir);
    expect(disk.kinds.slice(-5)).toEqual([
      'proposal',
      'decision',
      'proposal',
      'decision',
      'incident',
    ]);
    expect(disk.signed).toBe(disk.entries);
    // The incident row is committed with its audit entry, not by the deciding thread.
    expect(disk.incidents).toEqual([denied.incidentId]);
  });

  it('a hold waits for its commit, not the deciding thread: other sessions decide while another connection holds the write lock', async () => {
    const dir = folder();
    const store = open(dir);
    await busy(store);
    const guard = createGuard(
      {
        rules: [
          { id: 'outside', when: { recipients: 'external' }, decision: 'hold', reason: 'check' },
        ],
      },
      { store },
    );
    const other = new Database(join(dir, STORE_FILE));
    cleanup.push(() => other.close());
    other.exec('BEGIN IMMEDIATE');
    let heldAt = 0;
    const held = guard
      .check({ tool: 'send_email', args: { to: 'x@rival.example' } }, guard.session('a'))
      .then((d) => ((heldAt = Date.now()), d));
    // The writer thread waits for the lock; this thread goes on deciding for everyone else.
    const allowed = await guard.check({ tool: 'read_inbox', args: {} }, guard.session('b'));
    expect(allowed.decision).toBe('allow');
    await tick(20);
    expect(heldAt).toBe(0);
    const released = Date.now();
    other.exec('COMMIT');
    const decision = await held;
    expect(heldAt).toBeGreaterThanOrEqual(released);
    expect(decision.decision).toBe('hold');
    // When it returns, an approver in another process sees the pending approval and its entry.
    const approver = openGuardStore(dir, { auditThread: false });
    cleanup.push(() => approver.close());
    expect(approver.approvals.pending().map((a) => a.id)).toEqual([decision.approvalId]);
    expect(onDisk(dir).kinds.filter((k) => k === 'approval')).toHaveLength(1);
  });

  it('a deny or a flush right after batches were handed over, or with the thread idle: each entry once, in order', async () => {
    const dir = folder();
    const store = open(dir);
    const warm = await busy(store);
    const guard = createGuard(
      {
        rules: [
          { id: 'no-outside', when: { recipients: 'external' }, decision: 'deny', reason: 'no' },
        ],
      },
      { store },
    );
    const session = guard.session('s', { companyDomains: ['acme.example'] });
    const outside = { tool: 'send_email', args: { to: 'x@rival.example' } };
    const tail = ['proposal', 'decision', 'incident'];
    const expected: string[] = [];
    for (let round = 0; round < 4; round++) {
      // Full buffers are handed to the thread at once: the deny's commit goes after them, and
      // the deny returns once the thread has written everything.
      for (let i = 0; i < FLUSH_AT * 2; i++) store.audit.append('decision', { round, i });
      expect((await guard.check(outside, session)).decision).toBe('deny');
      expected.push(...Array<string>(FLUSH_AT * 2).fill('decision'), ...tail);
      expect(onDisk(dir).kinds.slice(warm)).toEqual(expected);
      // A synchronous flush finds batches the thread has not started (taken back and written
      // on this thread) or is writing (waited for).
      for (let i = 0; i < FLUSH_AT * 2; i++) store.audit.append('decision', { round, i });
      store.audit.flush();
      expected.push(...Array<string>(FLUSH_AT * 2).fill('decision'));
      expect(onDisk(dir).kinds.slice(warm)).toEqual(expected);
      // Now it is idle: the next deny is committed without it.
      await tick(20);
      expect((await guard.check(outside, session)).decision).toBe('deny');
      expected.push(...tail);
    }
    const disk = onDisk(dir);
    expect(disk.kinds.slice(warm)).toEqual(expected);
    expect(disk.signed).toBe(disk.entries);
    expect(disk.incidents).toHaveLength(8);
    const data = store.audit.entries({ from: warm + 1 }).map((e) => e.data as { i?: number });
    expect(data.filter((d) => d.i !== undefined).map((d) => d.i)).toEqual(
      Array.from({ length: 8 }, () => Array.from({ length: FLUSH_AT * 2 }, (_, i) => i)).flat(),
    );
    expect(store.audit.verify()).toMatchObject({ ok: true, entries: expected.length + warm });
  });

  it(`never falls more than ${MAX_IN_FLIGHT} entries (plus one batch) behind: append waits for it`, async () => {
    const dir = folder();
    const store = open(dir);
    const warm = await busy(store);
    const appended = MAX_IN_FLIGHT * 4;
    // One synchronous burst: no event-loop turn for timers, only full batches handed over.
    for (let i = 0; i < appended; i++) store.audit.append('decision', { i, pad: 'x'.repeat(200) });
    expect(onDisk(dir).entries).toBeGreaterThanOrEqual(warm + appended - MAX_IN_FLIGHT - FLUSH_AT);
  });

  it('when the thread cannot write, the guard refuses to decide (fail closed)', async () => {
    const dir = folder();
    const store = openGuardStore(dir);
    await busy(store);
    const guard = createGuard({}, { store });
    const db = new Database(join(dir, STORE_FILE));
    db.exec('DROP TABLE guard_audit');
    db.close();
    const failure = /the audit writer thread failed: no such table: guard_audit/;
    expect(() => {
      for (let i = 0; i < FLUSH_AT * 4; i++) store.audit.append('decision', { i });
      store.audit.flush();
    }).toThrow(failure);
    await expect(store.audit.flushed()).rejects.toThrow(failure);
    await expect(guard.check({ tool: 'read_inbox', args: {} }, guard.session('s'))).rejects.toThrow(
      failure,
    );
    // Closing says so too, and still lets go of the thread and the file.
    expect(() => store.close()).toThrow(failure);
  });

  it('a kill from another connection is seen by the very next check while the thread writes', async () => {
    const dir = folder();
    const store = open(dir);
    await busy(store);
    const guard = createGuard({}, { store });
    const session = guard.session('victim');
    expect((await guard.check({ tool: 'read_inbox', args: {} }, session)).decision).toBe('allow');
    const operator = open(dir);
    operator.killSwitch.kill('victim', 'ana', 'runaway');
    expect((await guard.check({ tool: 'read_inbox', args: {} }, session)).decision).toBe('kill');
  });
});
