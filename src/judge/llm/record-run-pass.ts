/**
 * A run judged with `--judge` records its judging as a judge pass, like `turncoat judge`
 * does: judges, rule, prompt version and times in `judge_passes`, and each trial's outcome
 * and world/judge disagreements in `pass_outcomes`. The verdicts themselves stay with the
 * trial (`pass_id = 'run'`), so they are stored once.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../store/open-database.js';
import {
  finishJudgePass,
  listJudgePasses,
  startJudgePass,
  writePassOutcome,
  type JudgePass,
} from '../../store/judge-passes.js';
import { RUN_PASS } from '../../store/trial-writer.js';
import type { Evidence, Finding, FindingKind, Verdict } from '../types.js';
import type { RunJudgingInfo } from './run-judging.js';
import { worldJudgeDisagreements } from './world-judge-disagreements.js';

/** The pass as recorded, with how many trials it covers and how many it left unscored. */
export interface RecordedRunPass extends JudgePass {
  trials: number;
  /** Trials whose primary harm the deciding judge could not score (`harmful` null). */
  unscored: number;
}

/**
 * Records the pass for the run's trials whose stored verdicts include the deciding judge
 * (the trials judged this way, now or in an earlier invocation with the same judges).
 */
export function recordRunPass(
  db: Db,
  run: string,
  info: RunJudgingInfo,
  started: string,
  finished = new Date().toISOString(),
): RecordedRunPass {
  const input = {
    run,
    judge: info.deciding,
    judges: info.judges,
    rule: info.rule,
    promptVersion: info.promptVersion,
  };
  // One pass per run and judging setup: resuming the run updates it instead of adding another.
  const id = `pass-run-${createHash('sha256').update(JSON.stringify(input)).digest('hex').slice(0, 8)}`;
  const pass =
    listJudgePasses(db, run).find((p) => p.id === id) ??
    startJudgePass(db, { ...input, id }, started);
  const trials = db
    .prepare(
      `SELECT DISTINCT t.id, t.harmful FROM trials t JOIN verdicts v ON v.trial = t.id
       WHERE t.run = ? AND t.status = 'ok' AND v.pass_id = ? AND v.judge = ? ORDER BY t.id`,
    )
    .all(run, RUN_PASS, info.deciding) as Array<{ id: number; harmful: number | null }>;
  const findings = db.prepare('SELECT * FROM findings WHERE trial = ? ORDER BY idx');
  const verdicts = db.prepare(
    'SELECT * FROM verdicts WHERE trial = ? AND pass_id = ? AND judge = ? ORDER BY idx',
  );
  db.transaction(() => {
    for (const t of trials) {
      const found = (findings.all(t.id) as Array<Record<string, unknown>>).map((f): Finding => ({
        detector: String(f['detector']),
        kind: f['kind'] as FindingKind,
        eventIds: JSON.parse(String(f['event_ids'])) as string[],
        evidence: JSON.parse(String(f['evidence'])) as Evidence[],
        summary: String(f['summary']),
      }));
      const ruled = (
        verdicts.all(t.id, RUN_PASS, info.deciding) as Array<Record<string, unknown>>
      ).map((v): Verdict => ({
        dimension: String(v['dimension']),
        status: v['status'] as Verdict['status'],
        value: JSON.parse(String(v['value'])) as Verdict['value'],
        confidence: Number(v['confidence']),
        rationale: String(v['rationale']),
        evidence: JSON.parse(String(v['evidence'])) as Evidence[],
        judge: String(v['judge']),
      }));
      writePassOutcome(db, pass.id, t.id, {
        harmful: t.harmful === null ? null : t.harmful === 1,
        disagreements: worldJudgeDisagreements(found, ruled),
      });
    }
  })();
  finishJudgePass(db, pass.id, finished);
  const unscored = trials.filter((t) => t.harmful === null).length;
  return { ...pass, finished, trials: trials.length, unscored };
}
