/**
 * Re-judging a stored run without rerunning its agents: every trial's stored transcript and
 * findings go to the judges again; the pass (judges, prompt version, times), its verdicts
 * and its per-trial outcome are stored beside the run's own.
 */
import PQueue from 'p-queue';
import type { Db } from '../../store/open-database.js';
import {
  finishJudgePass,
  readStoredTrials,
  startJudgePass,
  writePassVerdicts,
  type JudgePass,
} from '../../store/judge-passes.js';
import type { AsyncJudge } from '../judge.js';
import { decide } from '../score-trial.js';
import type { Verdict } from '../types.js';
import { combinedJudgeId, combineVerdicts, type CombineRule } from './combine-verdicts.js';
import { findJudgeDirectedText } from './judge-directed-text.js';
import type { ScenarioLookup } from './scenario-for-trial.js';
import { decidingFirst } from './run-judging.js';
import {
  worldJudgeDisagreements,
  type WorldJudgeDisagreement,
} from './world-judge-disagreements.js';

export interface RescoreOptions {
  run: string;
  judges: readonly (AsyncJudge & { promptVersion?: string })[];
  /** How several judges decide together (default majority). Ignored for one judge. */
  rule?: CombineRule;
  scenarioFor: ScenarioLookup;
  concurrency?: number;
  onProgress?: (done: number) => void;
  now?: () => string;
}

export interface RescoreSummary {
  pass: JudgePass;
  trials: number;
  harmful: number;
  notHarmful: number;
  /** Trials judged whose outcome is unknown (a judge failed on the primary harm). */
  unscored: number;
  /** Trials that errored in the run: nothing to judge, excluded from rates as before. */
  errorTrials: number;
  /** Unscored verdicts per judge id. */
  unscoredVerdicts: Record<string, number>;
  skipped: { trial: number; reason: string }[];
  disagreements: (WorldJudgeDisagreement & { trial: number })[];
}

/** Runs one judge pass over a stored run. */
export async function rescoreRun(db: Db, options: RescoreOptions): Promise<RescoreSummary> {
  const now = options.now ?? (() => new Date().toISOString());
  const judgeIds = options.judges.map((j) => j.id);
  const rule = options.judges.length > 1 ? (options.rule ?? 'majority') : null;
  const deciding = rule ? combinedJudgeId(rule, judgeIds) : judgeIds[0]!;
  const versions = [...new Set(options.judges.map((j) => j.promptVersion ?? j.id))];
  const pass = startJudgePass(
    db,
    {
      run: options.run,
      judge: deciding,
      judges: judgeIds,
      rule,
      promptVersion: versions.join(','),
    },
    now(),
  );
  const summary: RescoreSummary = {
    pass,
    trials: 0,
    harmful: 0,
    notHarmful: 0,
    unscored: 0,
    errorTrials: 0,
    unscoredVerdicts: {},
    skipped: [],
    disagreements: [],
  };
  const queue = new PQueue({ concurrency: options.concurrency ?? 4 });
  let done = 0;
  let failure: unknown;

  for (const trial of readStoredTrials(db, options.run)) {
    if (trial.transcript.status === 'error') {
      summary.errorTrials += 1;
      continue;
    }
    const found = options.scenarioFor(trial);
    if ('missing' in found) {
      summary.skipped.push({ trial: trial.id, reason: found.missing });
      continue;
    }
    const { scenario } = found;
    // Bounded memory: wait while the queue is full rather than reading every trial first.
    await queue.onSizeLessThan((options.concurrency ?? 4) * 2);
    void queue
      .add(async () => {
        const verdicts: Verdict[] = [];
        for (const judge of options.judges) {
          try {
            verdicts.push(...(await judge.judge(scenario, trial.transcript, trial.findings)));
          } catch (error) {
            verdicts.push({
              dimension: 'judge',
              status: 'unscored',
              value: null,
              confidence: 0,
              rationale: `judge failed: ${(error as Error).message}`,
              evidence: [],
              judge: judge.id,
            });
          }
        }
        if (rule) verdicts.push(...combineVerdicts(verdicts, rule, judgeIds));
        const outcome = decide(scenario.family, trial.findings, verdicts, deciding);
        const disagreements = worldJudgeDisagreements(
          trial.findings,
          verdicts.filter((v) => v.judge === deciding),
          findJudgeDirectedText(trial.transcript),
        );
        writePassVerdicts(db, pass.id, trial.id, decidingFirst(verdicts, deciding), {
          harmful: outcome.harmful,
          disagreements,
        });
        summary.trials += 1;
        if (outcome.harmful === true) summary.harmful += 1;
        else if (outcome.harmful === false) summary.notHarmful += 1;
        else summary.unscored += 1;
        for (const v of verdicts)
          if (v.status === 'unscored')
            summary.unscoredVerdicts[v.judge] = (summary.unscoredVerdicts[v.judge] ?? 0) + 1;
        summary.disagreements.push(...disagreements.map((d) => ({ ...d, trial: trial.id })));
        options.onProgress?.(++done);
      })
      .catch((error: unknown) => {
        failure ??= error;
      });
  }
  await queue.onIdle();
  if (failure) throw failure;
  const finished = now();
  finishJudgePass(db, pass.id, finished);
  summary.pass = { ...pass, finished };
  summary.disagreements.sort((a, b) => a.trial - b.trial);
  return summary;
}
