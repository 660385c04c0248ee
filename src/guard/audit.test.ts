import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../cli/test-support/run-cli.js';
import { STORE_FILE } from '../store/open-database.js';
import { openGuardStore } from './open-guard-store.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A store with `n` audit entries, closed; returns its folder. */
function trail(n: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'turncoat-audit-'));
  dirs.push(dir);
  const store = openGuardStore(dir);
  for (let i = 0; i < n; i++)
    store.audit.append(
      i % 2 ? 'decision' : 'proposal',
      { i, tool: 'send_email', note: `entry ${i}` },
      `s-${i % 3}`,
    );
  store.close();
  return dir;
}

function tamper(dir: string, sql: string, ...params: unknown[]): void {
  const db = new Database(join(dir, STORE_FILE));
  db.prepare(sql).run(...params);
  db.close();
}

const verify = (dir: string) => {
  const store = openGuardStore(dir, { create: false });
  try {
    return store.audit.verify();
  } finally {
    store.close();
  }
};

describe('audit trail', () => {
  it('verifies an untouched trail, with a signed checkpoint', () => {
    const dir = trail(12);
    expect(verify(dir)).toMatchObject({ ok: true, entries: 12 });
    expect(verify(dir).checkpoints).toBeGreaterThan(0);
  });

  it.each(['at', 'kind', 'session', 'data', 'prev_hash', 'hash'])(
    'finds one changed byte in column %s and names the entry',
    (column) => {
      const dir = trail(10);
      const db = new Database(join(dir, STORE_FILE));
      const value = String(
        (db.prepare(`SELECT ${column} AS v FROM guard_audit WHERE seq = 6`).get() as { v: string })
          .v,
      );
      const i = Math.floor(value.length / 2);
      const changed = value.slice(0, i) + (value[i] === 'a' ? 'b' : 'a') + value.slice(i + 1);
      db.prepare(`UPDATE guard_audit SET ${column} = ? WHERE seq = 6`).run(changed);
      db.close();
      expect(verify(dir)).toMatchObject({ ok: false, firstBad: { seq: 6 } });
    },
  );

  it('keeps a long trail whole and in order across batched writes, and still finds a change deep inside', () => {
    const dir = trail(601);
    expect(verify(dir)).toMatchObject({ ok: true, entries: 601 });
    const store = openGuardStore(dir, { create: false });
    const entries = store.audit.entries();
    store.close();
    expect(entries.map((e) => (e.data as { i: number }).i)).toEqual(
      Array.from({ length: 601 }, (_, i) => i),
    );
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 601 }, (_, i) => i + 1));
    tamper(dir, 'UPDATE guard_audit SET data = ? WHERE seq = 300', '{"i":298}');
    expect(verify(dir)).toMatchObject({ ok: false, firstBad: { seq: 300 } });
  });

  it('finds a deleted entry', () => {
    const dir = trail(10);
    tamper(dir, 'DELETE FROM guard_audit WHERE seq = 4');
    expect(verify(dir)).toMatchObject({ ok: false, firstBad: { seq: 4 } });
    expect(verify(dir).firstBad!.problem).toMatch(/missing/);
  });

  it('finds entries deleted at the end (the signed checkpoint covers them)', () => {
    const dir = trail(10);
    tamper(dir, 'DELETE FROM guard_audit WHERE seq >= 9');
    expect(verify(dir)).toMatchObject({ ok: false, firstBad: { seq: 9 } });
  });

  it('finds two swapped entries', () => {
    const dir = trail(10);
    const db = new Database(join(dir, STORE_FILE));
    const rows = db
      .prepare('SELECT * FROM guard_audit WHERE seq IN (3, 7) ORDER BY seq')
      .all() as Array<Record<string, unknown>>;
    const put = db.prepare(
      'UPDATE guard_audit SET at = @at, kind = @kind, session = @session, data = @data, prev_hash = @prev_hash, hash = @hash WHERE seq = @target',
    );
    put.run({ ...rows[1], target: 3 });
    put.run({ ...rows[0], target: 7 });
    db.close();
    expect(verify(dir)).toMatchObject({ ok: false, firstBad: { seq: 3 } });
  });

  it('finds an inserted entry, even with a recomputed hash', () => {
    const dir = trail(10);
    const db = new Database(join(dir, STORE_FILE));
    db.prepare('UPDATE guard_audit SET seq = seq + 100 WHERE seq > 5').run();
    db.prepare('UPDATE guard_audit SET seq = seq - 99 WHERE seq > 100').run();
    const five = db.prepare('SELECT hash FROM guard_audit WHERE seq = 5').get() as { hash: string };
    db.prepare(
      "INSERT INTO guard_audit (seq, at, kind, session, data, prev_hash, hash) VALUES (6, '2026-01-01T00:00:00.000Z', 'approval', 's-0', '{}', ?, 'x')",
    ).run(five.hash);
    db.close();
    expect(verify(dir)).toMatchObject({ ok: false, firstBad: { seq: 6 } });
  });

  it('`turncoat guard audit verify` names the first bad entry and exits 1; export writes JSONL', async () => {
    const dir = trail(8);
    const good = await runCli('guard', 'audit', 'verify', '--out', dir);
    expect(good).toMatchObject({ code: 0 });
    expect(good.stdout).toMatch(/intact: 8 entries/);
    const exported = await runCli('guard', 'audit', 'export', '--out', dir);
    const lines = exported.stdout.split('\n').map((l) => JSON.parse(l) as { type: string });
    expect(lines.filter((l) => l.type === 'entry')).toHaveLength(8);
    expect(lines.at(-1)).toMatchObject({ type: 'public-key', algorithm: 'ed25519' });
    tamper(dir, "UPDATE guard_audit SET data = replace(data, 'entry 2', 'entry 9') WHERE seq = 3");
    const bad = await runCli('guard', 'audit', 'verify', '--out', dir);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/BROKEN at entry 3/);
  });
});
