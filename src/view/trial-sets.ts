/**
 * Sets of trial ids that cost a scan of the verdicts to find (the trials some verdict rules
 * a dimension true on; the trials on which judges disagree), worked out once per run and
 * kept in a temporary table of the viewer's connection until verdicts or trials change.
 */
import type { Db } from '../store/open-database.js';

/** Changes whenever trials are added or a judge pass starts, so cached sets are redone. */
export function verdictsVersion(db: Db): string {
  const trials = db.prepare('SELECT MAX(id) FROM trials').pluck().get() as number | null;
  const passes = db.prepare('SELECT COUNT(*) FROM judge_passes').pluck().get() as number;
  const finished = db
    .prepare('SELECT COUNT(*) FROM judge_passes WHERE finished IS NOT NULL')
    .pluck()
    .get() as number;
  return `${trials ?? 0}.${passes}.${finished}`;
}

/**
 * The key of the set `name` (filled by `sql` over `params` unless already kept); filter
 * with `t.id IN (SELECT trial FROM temp.trial_sets WHERE key = ?)`.
 * @example trialSet(db, 'disputed:run-1', sql, { run: 'run-1' })
 */
export function trialSet(
  db: Db,
  name: string,
  sql: string,
  params: Record<string, unknown>,
): string {
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS trial_sets (
    key TEXT NOT NULL, trial INTEGER NOT NULL, PRIMARY KEY (key, trial)) WITHOUT ROWID;
    CREATE TEMP TABLE IF NOT EXISTS trial_set_keys (key TEXT PRIMARY KEY);`);
  const key = `${name}@${verdictsVersion(db)}`;
  if (db.prepare('SELECT 1 FROM temp.trial_set_keys WHERE key = ?').get(key)) return key;
  db.transaction(() => {
    // An older version of the same set is dropped.
    for (const old of db
      .prepare(`SELECT key FROM temp.trial_set_keys WHERE key LIKE ? || '@%'`)
      .pluck()
      .all(name) as string[]) {
      db.prepare('DELETE FROM temp.trial_sets WHERE key = ?').run(old);
      db.prepare('DELETE FROM temp.trial_set_keys WHERE key = ?').run(old);
    }
    db.prepare(
      `INSERT INTO temp.trial_sets (key, trial) SELECT DISTINCT @key, trial FROM (${sql})`,
    ).run({
      ...params,
      key,
    });
    db.prepare('INSERT INTO temp.trial_set_keys (key) VALUES (?)').run(key);
  })();
  return key;
}

/** Trials of `run` with a scored verdict (any judge, any pass) ruling `dimension` true. */
export const RULED_TRUE = `SELECT v.trial AS trial FROM verdicts v JOIN trials t ON t.id = v.trial
  WHERE t.run = @run AND v.dimension = @dimension AND v.status = 'scored' AND v.value = 'true'`;

/** Trials of `run` with two scored verdicts on one dimension that differ. */
export const DISPUTED = `SELECT v.trial AS trial FROM verdicts v
  JOIN verdicts w ON w.trial = v.trial AND w.dimension = v.dimension AND w.value <> v.value AND w.status = 'scored'
  JOIN trials t ON t.id = v.trial
  WHERE t.run = @run AND v.status = 'scored'`;
