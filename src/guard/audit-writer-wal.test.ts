/**
 * The writer thread's own WAL checkpoints (audit-writer-thread.ts), as a deployer relies on
 * them: under sustained appends the log stays bounded (it keeps starting again from its
 * beginning), a deny returns once its commit is on disk also while a checkpoint is due and
 * cannot finish, and the log comes back under its cap once the reader that held it lets go.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { STORE_FILE } from '../store/open-database.js';
import { walLog } from '../store/wal-log.js';
import { CHECKPOINT_CAP, CHECKPOINT_PAGES } from './audit-writer-state.js';
import { createGuard } from './guard.js';
import type { GuardStore } from './guard-store.js';
import { openGuardStore } from './open-guard-store.js';

const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const undo of cleanup.splice(0).reverse()) undo();
});

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'turncoat-audit-wal-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const tick = (ms = 2) => new Promise((resolve) => setTimeout(resolve, ms));

/** Appends as a busy guard does until the writer thread commits. */
async function busy(store: GuardStore): Promise<void> {
  const started = Date.now();
  while (!store.audit.threaded) {
    if (Date.now() - started > 30_000) throw new Error('the writer thread never took over');
    store.audit.append('decision', { warmup: true }, 'warm');
    await tick(5);
  }
}

/** Frames in the store's log now, read the way the writer thread reads them. */
function logFrames(dir: string): () => number {
  const db = new Database(join(dir, STORE_FILE), { readonly: true });
  const wal = walLog(db);
  cleanup.push(() => {
    wal.close();
    db.close();
  });
  return () => wal.frames();
}

/** Appends `n` entries from 32 sessions, a few hundred at a time across event-loop turns. */
async function sustained(store: GuardStore, n: number, each: () => void = () => {}) {
  for (let i = 0; i < n; i++) {
    store.audit.append('decision', { i, note: 'routine call '.repeat(24) }, `agent-${i % 32}`);
    if (i % 200 === 199) {
      await tick(1);
      each();
    }
  }
  await store.audit.flushed();
}

describe("the audit writer thread's WAL checkpoints", () => {
  it('keep the log under its cap under sustained appends: it starts again from its beginning', async () => {
    const dir = folder();
    const store = openGuardStore(dir);
    cleanup.push(() => store.close());
    await busy(store);
    const frames = logFrames(dir);
    let most = 0;
    let grown = 0;
    let last = frames();
    let restarts = 0;
    await sustained(store, 60_000, () => {
      const now = frames();
      if (now < last) restarts += 1;
      else grown += now - last;
      most = Math.max(most, now);
      last = now;
    });
    // Far more was written than the cap holds, yet the log never held more than the cap.
    expect(grown).toBeGreaterThan(CHECKPOINT_CAP);
    expect(restarts).toBeGreaterThanOrEqual(2);
    expect(most).toBeLessThan(CHECKPOINT_CAP);
    expect(statSync(join(dir, `${STORE_FILE}-wal`)).size).toBeLessThan(CHECKPOINT_CAP * 4_200);
    expect(store.audit.verify()).toMatchObject({ ok: true });
  }, 120_000);

  it('a deny returns once committed also while a checkpoint is due and a reader keeps it from finishing; the log is bounded again once the reader lets go', async () => {
    const dir = folder();
    const store = openGuardStore(dir);
    cleanup.push(() => store.close());
    await busy(store);
    const guard = createGuard(
      {
        rules: [
          { id: 'no-outside', when: { recipients: 'external' }, decision: 'deny', reason: 'no' },
        ],
      },
      { store },
    );
    const frames = logFrames(dir);
    // Another process reading the trail: its snapshot keeps the log from starting again.
    const reader = new Database(join(dir, STORE_FILE), { readonly: true });
    cleanup.push(() => reader.close());
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) FROM guard_audit').get();
    await sustained(store, 30_000);
    expect(frames()).toBeGreaterThanOrEqual(CHECKPOINT_PAGES);

    const session = guard.session('s', { companyDomains: ['acme.example'] });
    const denied = await guard.check(
      { tool: 'send_email', args: { to: 'x@rival.example' } },
      session,
    );
    expect(denied.decision).toBe('deny');
    const look = new Database(join(dir, STORE_FILE), { readonly: true });
    const onDisk = look.prepare('SELECT id FROM guard_incidents').pluck().all();
    const lastKind = look
      .prepare('SELECT kind FROM guard_audit ORDER BY seq DESC LIMIT 1')
      .pluck()
      .get();
    look.close();
    expect(onDisk).toEqual([denied.incidentId]);
    expect(lastKind).toBe('incident');

    reader.exec('COMMIT');
    let most = 0;
    await sustained(store, 20_000);
    await sustained(store, 20_000, () => (most = Math.max(most, frames())));
    expect(most).toBeLessThan(CHECKPOINT_CAP);
    expect(store.audit.verify()).toMatchObject({ ok: true });
  }, 120_000);
});
