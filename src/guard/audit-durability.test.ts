/**
 * What each way a guard process can end leaves in its audit trail, with the writer thread
 * committing (a real child process per case, test-support/audit-child.ts): the trail always
 * verifies; a deny that was returned is always on disk; process.exit and an uncaught error
 * lose nothing; SIGTERM without a handler and a hard crash lose at most what was not yet
 * committed, bounded by MAX_IN_FLIGHT plus one batch; a crash while the writer thread
 * checkpoints the WAL leaves a trail that verifies, the returned deny in it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { STORE_FILE } from '../store/open-database.js';
import { walLog } from '../store/wal-log.js';
import { CHECKPOINT_PAGES } from './audit-writer-state.js';
import { FLUSH_AT, MAX_IN_FLIGHT } from './audit-writer.js';
import { openGuardStore } from './open-guard-store.js';

const CHILD = fileURLToPath(new URL('./test-support/audit-child.ts', import.meta.url));
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Runs the child; returns how it ended and what the trail holds afterwards. */
function end(how: string, after: number) {
  const dir = mkdtempSync(join(tmpdir(), 'turncoat-audit-end-'));
  dirs.push(dir);
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', CHILD, dir, how, '50', String(after)],
    { encoding: 'utf8', timeout: 90_000 },
  );
  const line = child.stdout.trim().split('\n')[0];
  if (!line)
    throw new Error(`the child printed nothing (${child.signal ?? child.status}): ${child.stderr}`);
  const { beforeDeny, threaded } = JSON.parse(line) as { beforeDeny: number; threaded: boolean };
  const store = openGuardStore(dir, { create: false, auditThread: false });
  try {
    const verification = store.audit.verify();
    return {
      status: child.status,
      signal: child.signal,
      threaded,
      beforeDeny,
      total: beforeDeny + after * 2,
      verification,
    };
  } finally {
    store.close();
  }
}

describe('how a guard process ends, and what its audit trail keeps', () => {
  it('process.exit without close(): every entry is committed', () => {
    const r = end('exit', 300);
    expect(r).toMatchObject({ status: 0, threaded: true });
    expect(r.verification).toMatchObject({ ok: true, entries: r.total });
  }, 120_000);

  it('an uncaught error: every entry is committed', () => {
    const r = end('throw', 300);
    expect(r).toMatchObject({ status: 1, threaded: true });
    expect(r.verification).toMatchObject({ ok: true, entries: r.total });
  }, 120_000);

  it.each(['sigterm', 'sigkill'])(
    '%s: the trail verifies, the returned deny is on disk, at most the uncommitted tail is lost',
    (how) => {
      const after = MAX_IN_FLIGHT; // twice MAX_IN_FLIGHT entries after the deny
      const r = end(how, after);
      expect(r.signal).toBe(how.toUpperCase());
      expect(r.threaded).toBe(true);
      expect(r.verification.ok).toBe(true);
      expect(r.verification.entries).toBeGreaterThanOrEqual(r.beforeDeny);
      expect(r.verification.entries).toBeGreaterThanOrEqual(r.total - MAX_IN_FLIGHT - FLUSH_AT);
      expect(r.verification.entries).toBeLessThanOrEqual(r.total);
    },
    120_000,
  );

  it('a crash while the writer thread checkpoints the log: the trail verifies, the returned deny is on disk', async () => {
    for (let round = 0; round < 2; round++) {
      const dir = mkdtempSync(join(tmpdir(), 'turncoat-audit-crash-'));
      dirs.push(dir);
      const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, 'flood', '50', '0'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const ended = new Promise<NodeJS.Signals | null>((resolve) =>
        child.on('exit', (_code, signal) => resolve(signal)),
      );
      const line = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('\n')) resolve(out.split('\n')[0]!);
        });
        child.on('exit', () => reject(new Error(`the child ended first: ${stderr}`)));
      });
      const { beforeDeny } = JSON.parse(line) as { beforeDeny: number };
      // Kill it once the log has reached the checkpoint threshold (the second time around, a
      // few milliseconds later): the writer thread is then checkpointing or about to.
      const db = new Database(join(dir, STORE_FILE), { readonly: true });
      const wal = walLog(db);
      const started = Date.now();
      while (wal.frames() < CHECKPOINT_PAGES) {
        if (Date.now() - started > 60_000) throw new Error('the log never reached the threshold');
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      await new Promise((resolve) => setTimeout(resolve, round * 5));
      child.kill('SIGKILL');
      expect(await ended).toBe('SIGKILL');
      wal.close();
      db.close();
      const store = openGuardStore(dir, { create: false, auditThread: false });
      try {
        const verification = store.audit.verify();
        expect(verification.ok).toBe(true);
        expect(verification.entries).toBeGreaterThanOrEqual(beforeDeny);
      } finally {
        store.close();
      }
    }
  }, 180_000);
});
