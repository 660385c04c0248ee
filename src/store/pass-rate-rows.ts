/**
 * Reports choose which judging pass to show. A run keeps its own verdicts (pass `run`) and
 * every later judge pass (`turncoat judge`, or a run with `--judge`) keeps its per-trial
 * outcome in `pass_outcomes`. `showPass` makes the rest of this connection read `harmful`
 * as that pass decided it: a temporary view named `trials` shadows the stored table (SQLite
 * resolves unqualified names in `temp` first), so every rate query, report and export reads
 * the chosen pass without knowing about passes. Trials the pass did not judge (errors,
 * trials it skipped) have `harmful` null there: excluded from rates and counted as errors.
 */
import { InputError } from '../errors.js';
import { RUN_PASS } from './trial-writer.js';
import { listJudgePasses, type JudgePass } from './judge-passes.js';
import type { Db } from './open-database.js';
import { rateRows, type GroupField, type RateRow, type RateRowOptions } from './rate-rows.js';

/** The pass id that means "the verdicts stored with the trials" (no view needed). */
export const RUN_OWN_PASS = RUN_PASS;

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * Makes this connection read `harmful` from judge pass `pass` of run `run` (`latest` = the
 * most recent pass, `run` = the run's own verdicts, a no-op). Returns the pass, or null for
 * `run`. Throws InputError naming the run's passes when `pass` is not one of them.
 * Call it on a connection that only reads (report, export): `trials` becomes a view.
 */
export function showPass(db: Db, run: string, pass: string): JudgePass | null {
  if (pass === RUN_OWN_PASS) return null;
  const passes = listJudgePasses(db, run);
  const chosen = pass === 'latest' ? passes.at(-1) : passes.find((p) => p.id === pass);
  if (!chosen) {
    const valid = [RUN_OWN_PASS, ...(passes.length ? ['latest'] : []), ...passes.map((p) => p.id)];
    throw new InputError(
      `--pass '${pass}' is not a judge pass of run ${run}; valid: ${valid.join(', ')}` +
        (passes.length ? '' : ' (make one with `turncoat judge --judge ID`)'),
    );
  }
  const columns = (db.prepare('PRAGMA main.table_info(trials)').all() as { name: string }[])
    .map((c) => c.name)
    .map((name) =>
      name === 'harmful'
        ? `CASE WHEN t.status = 'ok' THEN o.harmful END AS harmful`
        : `t."${name}" AS "${name}"`,
    );
  db.exec(`DROP VIEW IF EXISTS temp.trials`);
  db.exec(
    `CREATE TEMP VIEW trials AS SELECT ${columns.join(', ')}
     FROM main.trials t LEFT JOIN main.pass_outcomes o ON o.trial = t.id AND o.pass = ${quote(chosen.id)}`,
  );
  return chosen;
}

/** Drops the view made by `showPass`: the connection reads the run's own verdicts again. */
export function showRunVerdicts(db: Db): void {
  db.exec(`DROP VIEW IF EXISTS temp.trials`);
}

/**
 * Harm rates of a run as judge pass `pass` decided them (same rows as `rateRows`).
 * @example passRateRows(db, 'run-1a2b3c', 'pass-8d4729f9', ['model'])
 */
export function passRateRows(
  db: Db,
  run: string,
  pass: string,
  groupBy?: readonly GroupField[],
  options: RateRowOptions = {},
): RateRow[] {
  showPass(db, run, pass);
  try {
    return rateRows(db, run, groupBy, options);
  } finally {
    showRunVerdicts(db);
  }
}

/** One line saying which judging a report shows, for the report's header. */
export function passLine(pass: JudgePass | null): string {
  if (!pass) return "harmful as judged when the run stored each trial (pass 'run')";
  return `harmful as judged by pass ${pass.id}: ${pass.judge}, prompt ${pass.promptVersion}, ${pass.finished ?? 'unfinished'}`;
}
