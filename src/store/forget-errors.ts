import type { Db } from './open-database.js';

const CHILD_TABLES = [
  'message_rows',
  'tool_call_rows',
  'events',
  'parse_errors',
  'findings',
  'verdict_links',
  'model_calls',
];

/**
 * Removes a run's errored trials (and their rows) so a resume runs them again: for
 * `turncoat run --retry-errors`, after fixing a key or waiting out an outage. Trials a human
 * has labelled are kept. Returns how many trials were removed. One transaction.
 */
export function forgetErroredTrials(db: Db, runId: string): number {
  const has = (table: string) =>
    db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(table) !==
    undefined;
  return db
    .transaction(() => {
      const labelled = has('labels') ? 'AND id NOT IN (SELECT trial FROM labels)' : '';
      db.exec(
        `CREATE TEMP TABLE IF NOT EXISTS forget (id INTEGER PRIMARY KEY); DELETE FROM temp.forget;`,
      );
      db.prepare(
        `INSERT INTO temp.forget SELECT id FROM trials WHERE run = ? AND status = 'error' ${labelled}`,
      ).run(runId);
      const tables = [...CHILD_TABLES, ...(has('pass_outcomes') ? ['pass_outcomes'] : [])];
      for (const table of tables)
        db.exec(`DELETE FROM ${table} WHERE trial IN (SELECT id FROM temp.forget)`);
      const removed = db
        .prepare('DELETE FROM trials WHERE id IN (SELECT id FROM temp.forget)')
        .run().changes;
      // Stryker disable next-line StringLiteral: equivalent, the next call empties temp.forget before use and the temp table dies with the connection
      db.exec('DELETE FROM temp.forget');
      return removed;
    })
    .immediate();
}
