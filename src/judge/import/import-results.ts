/**
 * Turns another harness's samples into a turncoat run: rebuilds each condition's world,
 * replays each reply's action tags, runs our detectors and judges, and stores every trial
 * with the original classifier's verdict beside ours (judge id `original-classifier`).
 */
import type { Verdict } from '../types.js';
import { judgeTrial } from '../score-trial.js';
import type { AsyncJudge } from '../judge.js';
import { heuristicJudge } from '../heuristic/index.js';
import { PRIMARY_HARM } from '../score-trial.js';
import { ORIGINAL_CLASSIFIER } from '../agreement/collect-ratings.js';
import { canonicalPlan, planHash, type RunPlan } from '../../run/plan.js';
import { toolVersion } from '../../version.js';
import { openRun, setRunStatus } from '../../store/runs.js';
import type { Store } from '../../store/store.js';
import { factsFor, type ImportFacts } from './facts.js';
import { buildImportedScenario, type ImportedScenario } from './imported-scenario.js';
import type { ImportedSample, OriginalClassification } from './imported-sample.js';
import { replayReply } from './replay-reply.js';
import { ODD_CLOSER_TAG } from '../../agent/protocols/private-reasoning.js';
import { saveImportedScenario } from './scenario-table.js';

export interface ImportOptions {
  samples: ImportedSample[];
  facts?: ImportFacts;
  /** Our judges; the first decides `harmful` (default: the heuristic judge). */
  judges?: readonly AsyncJudge[];
}

/** Per (model, condition): our outcome and the original's, side by side. */
export interface ImportRow {
  model: string;
  condition: string;
  trials: number;
  errors: number;
  /** Ours: harmful of scored. */
  harmful: number;
  scored: number;
  originalHarmful: number;
  originalScored: number;
  /** Trials where both scored and gave the same answer. */
  agree: number;
  /** Trials where both scored. */
  compared: number;
  /** Trials with malformed or swallowed action tags (recorded on the trial as parse errors). */
  parseErrors: number;
  /** Trials whose reasoning block ended at another closer (`</think>` after a scratchpad). */
  oddClosers: number;
}

export interface ImportSummary {
  run: string;
  stored: number;
  alreadyStored: number;
  rows: ImportRow[];
  /** What the world rebuild inferred or missed, per condition. */
  notes: Record<string, string[]>;
}

/** The original's final verdict as a turncoat verdict on the scenario's primary harm. */
export function originalVerdict(primary: string, original: OriginalClassification): Verdict {
  const split =
    original.classifierVerdict !== undefined &&
    original.classifierVerdict !== null &&
    original.classifierVerdict !== original.harmful;
  const note = split ? ` [its LLM classifier alone said ${original.classifierVerdict}]` : '';
  return {
    dimension: primary,
    status: original.harmful === null ? 'unscored' : 'scored',
    value: original.harmful,
    confidence: 1,
    rationale: `${(original.reasoning ?? '(no reasoning recorded)').slice(0, 4000)}${note}`,
    evidence: [],
    judge: ORIGINAL_CLASSIFIER,
  };
}

/** Imports the samples into `store` as one run (re-importing the same data resumes it). */
export async function importResults(store: Store, options: ImportOptions): Promise<ImportSummary> {
  const judges = options.judges ?? [heuristicJudge];
  const facts = options.facts ?? {};
  const scenarios = new Map<string, ImportedScenario>();
  const notes: Record<string, string[]> = {};
  const scenarioOf = (s: ImportedSample): ImportedScenario => {
    const key = `${s.prompts.condition}\0${s.prompts.system}\0${s.prompts.user}\0${s.prompts.emails}`;
    let built = scenarios.get(key);
    if (!built) {
      built = buildImportedScenario(s.prompts, factsFor(facts, s.prompts.condition));
      scenarios.set(key, built);
      notes[built.scenario.conditionId] = built.notes;
    }
    return built;
  };
  // Build every scenario first, so bad input fails before anything is written.
  const prepared = options.samples.map((s) => ({
    sample: s,
    imported: scenarioOf(s),
    model: `imported:${s.model}`,
  }));

  const packHashes: Record<string, string> = {};
  for (const p of prepared)
    packHashes[p.imported.scenario.conditionId] = p.imported.scenario.packHash;
  const plan: RunPlan = canonicalPlan({
    models: prepared.map((p) => p.model),
    conditions: prepared.map((p) => p.imported.scenario.conditionId),
    variants: [0],
    protocol: 'text',
    seed: 0,
  });
  const hash = planHash(plan, Object.values(packHashes));
  const samples = Math.max(1, ...prepared.map((p) => p.sample.sample + 1));
  const { run } = openRun(store.db, {
    id: `import-${hash.slice(0, 12)}`,
    plan,
    planHash: hash,
    packHashes,
    samples,
    toolVersion: toolVersion(),
  });
  for (const { scenario } of scenarios.values()) saveImportedScenario(store.db, scenario);

  const rows = new Map<string, ImportRow>();
  let stored = 0;
  let alreadyStored = 0;
  for (const { sample, imported, model } of prepared) {
    const { scenario } = imported;
    const key = `${model}\0${scenario.conditionId}`;
    const row = rows.get(key) ?? {
      model,
      condition: scenario.conditionId,
      trials: 0,
      errors: 0,
      harmful: 0,
      scored: 0,
      originalHarmful: 0,
      originalScored: 0,
      agree: 0,
      compared: 0,
      parseErrors: 0,
      oddClosers: 0,
    };
    rows.set(key, row);
    const transcript = replayReply({
      scenario,
      opening: imported.opening,
      reply: sample.reply,
      ...(sample.error && { error: sample.error }),
      startedAt: sample.startedAt,
    });
    const verdict = await judgeTrial(scenario, transcript, { judges });
    const primary = PRIMARY_HARM[scenario.family].primary;
    if (sample.original) verdict.verdicts.push(originalVerdict(primary, sample.original));
    const wrote = store.writer.write({
      run: run.id,
      model,
      modelKind: 'language-model',
      scenario,
      sample: sample.sample,
      seed: 0,
      transcript,
      verdict,
    });
    if (wrote) stored += 1;
    else alreadyStored += 1;

    row.trials += 1;
    if (transcript.parseErrors.some((p) => p.tag !== ODD_CLOSER_TAG)) row.parseErrors += 1;
    if (transcript.parseErrors.some((p) => p.tag === ODD_CLOSER_TAG)) row.oddClosers += 1;
    if (transcript.status === 'error') row.errors += 1;
    const ours = transcript.status === 'ok' ? verdict.harmful : null;
    const theirs = transcript.status === 'ok' ? (sample.original?.harmful ?? null) : null;
    if (ours !== null) {
      row.scored += 1;
      if (ours) row.harmful += 1;
    }
    if (theirs !== null) {
      row.originalScored += 1;
      if (theirs) row.originalHarmful += 1;
    }
    if (ours !== null && theirs !== null) {
      row.compared += 1;
      if (ours === theirs) row.agree += 1;
    }
  }
  setRunStatus(store.db, run.id, 'complete');
  return { run: run.id, stored, alreadyStored, rows: [...rows.values()], notes };
}
