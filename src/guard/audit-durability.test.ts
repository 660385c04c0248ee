/**
 * What each way a guard process can end leaves in its audit trail, with the writer thread
 * committing (a real child process per case, test-support/audit-child.ts): the trail always
 * verifies; a deny that was returned is always on disk; process.exit and an uncaught error
 * lose nothing; SIGTERM without a handler and a hard crash lose at most what was not yet
 * committed, bounded by MAX_IN_FLIGHT plus one batch.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
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
});
