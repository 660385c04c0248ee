import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openGuardStore } from '../guard/open-guard-store.js';
import { openDatabase } from '../store/open-database.js';
import { guardSessions } from './guard-routes.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("the viewer's guard sessions", () => {
  it('lists the sessions with the latest entries first, each with its own counts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'turncoat-guard-sessions-'));
    dirs.push(dir);
    const store = openGuardStore(dir, { auditThread: false });
    // a, b and c interleave; b's last entry is the latest, then a's, then c's.
    const entries: Array<[string, 'proposal' | 'decision' | 'incident']> = [
      ['a', 'proposal'],
      ['c', 'proposal'],
      ['b', 'proposal'],
      ['a', 'decision'],
      ['c', 'decision'],
      ['b', 'decision'],
      ['a', 'incident'],
      ['b', 'proposal'],
    ];
    entries.forEach(([session, kind], i) => store.audit.append(kind, { i }, session));
    store.audit.append('kill', {});
    store.close();
    const db = openDatabase(dir, { create: false });
    try {
      const listed = guardSessions(db);
      for (const s of listed) expect(s.firstAt <= s.lastAt).toBe(true);
      expect(listed.map(({ firstAt: _f, lastAt: _l, ...counts }) => counts)).toEqual([
        {
          session: 'b',
          entries: 3,
          decisions: 1,
          incidents: 0,
          approvals: 0,
        },
        {
          session: 'a',
          entries: 3,
          decisions: 1,
          incidents: 1,
          approvals: 0,
        },
        {
          session: 'c',
          entries: 2,
          decisions: 1,
          incidents: 0,
          approvals: 0,
        },
      ]);
      expect(guardSessions(db, 1).map((s) => s.session)).toEqual(['b']);
    } finally {
      db.close();
    }
  });
});
