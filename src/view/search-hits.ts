/**
 * A search's matching trials, worked out once and kept in a temporary table of the
 * viewer's connection (`temp.search_hits`), so counting, paging and snippets do not run
 * the full-text query again. One row per trial: the best matching text (what the agent
 * wrote or did before what it was shown). The last few searches are kept.
 */
import type { Db } from '../store/open-database.js';

/** What the agent wrote or did comes before what it was shown. */
const HIT_ORDER = ['reasoning', 'assistant', 'email', 'tool-args', 'user', 'tool-result', 'prompt'];
const rank = (kind: string) => {
  const i = HIT_ORDER.indexOf(kind);
  return i === -1 ? HIT_ORDER.length : i;
};
const KEPT = 8;

/**
 * Fills `temp.search_hits` for FTS5 query `match` (unless already there) and returns the
 * key its rows carry. `version` (the index's progress) makes a search run again once more
 * trials are indexed. The sidecar index must be attached as `idx`.
 * @example const key = searchHits(db, '"second room"', 1200) // rows: (key, trial, doc, kind)
 */
export function searchHits(db: Db, match: string, version: number): string {
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS search_hits (
    key TEXT NOT NULL, trial INTEGER NOT NULL, doc INTEGER NOT NULL, kind TEXT NOT NULL,
    PRIMARY KEY (key, trial)) WITHOUT ROWID;
    CREATE TEMP TABLE IF NOT EXISTS search_keys (key TEXT PRIMARY KEY, used INTEGER NOT NULL);`);
  const key = `${version}:${match}`;
  const seen = db.prepare('SELECT 1 FROM temp.search_keys WHERE key = ?').get(key);
  const now = Date.now();
  if (seen) {
    db.prepare('UPDATE temp.search_keys SET used = ? WHERE key = ?').run(now, key);
    return key;
  }
  const rows = db
    .prepare(
      `SELECT dt.trial, k.doc, k.kind FROM (SELECT rowid AS doc FROM idx.docs WHERE docs MATCH ?) f
       JOIN idx.doc_kinds k ON k.doc = f.doc JOIN idx.doc_trials dt ON dt.doc = f.doc`,
    )
    .raw()
    .iterate(match) as IterableIterator<[number, number, string]>;
  const best = new Map<number, [number, string]>();
  for (const [trial, doc, kind] of rows) {
    const seenBest = best.get(trial);
    if (!seenBest || rank(kind) < rank(seenBest[1])) best.set(trial, [doc, kind]);
  }
  const insert = db.prepare(
    'INSERT INTO temp.search_hits (key, trial, doc, kind) VALUES (?, ?, ?, ?)',
  );
  db.transaction(() => {
    for (const [trial, [doc, kind]] of best) insert.run(key, trial, doc, kind);
    db.prepare('INSERT INTO temp.search_keys (key, used) VALUES (?, ?)').run(key, now);
    const stale = db
      .prepare(`SELECT key FROM temp.search_keys ORDER BY used DESC LIMIT -1 OFFSET ${KEPT}`)
      .pluck()
      .all() as string[];
    for (const old of stale) {
      db.prepare('DELETE FROM temp.search_hits WHERE key = ?').run(old);
      db.prepare('DELETE FROM temp.search_keys WHERE key = ?').run(old);
    }
  })();
  return key;
}
