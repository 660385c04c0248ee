/** The labelling queue: a run's trials nobody has labelled yet, in storage order. */
import type { Db } from '../store/open-database.js';

/**
 * The first unlabelled ok trial of `run` after trial `after`, and how many remain.
 * @example nextToLabel(db, 'run-1', 0) // { next: 3, remaining: 12 }
 */
export function nextToLabel(
  db: Db,
  run: string,
  after = 0,
): { next: number | null; remaining: number } {
  const unlabelled = `FROM trials t WHERE t.run = ? AND t.status = 'ok'
    AND NOT EXISTS (SELECT 1 FROM labels l WHERE l.trial = t.id)`;
  const next = db
    .prepare(`SELECT t.id ${unlabelled} AND t.id > ? ORDER BY t.id LIMIT 1`)
    .pluck()
    .get(run, after) as number | undefined;
  const remaining = db.prepare(`SELECT COUNT(*) ${unlabelled}`).pluck().get(run) as number;
  return { next: next ?? null, remaining };
}
