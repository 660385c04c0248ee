import { createHash } from 'node:crypto';
import type { GenerationSettings } from '../agent/model.js';
import type { Protocol } from '../agent/trial-types.js';

/**
 * What a run is: which models meet which conditions, in which surface variants, through
 * which protocol, with which settings and seed. The number of samples is deliberately NOT
 * part of it: the same plan with more samples extends the same run.
 */
export interface RunPlan {
  models: string[];
  conditions: string[];
  variants: number[];
  protocol: Protocol;
  seed: number;
  maxSteps?: number;
  settings?: GenerationSettings;
  /** Per-model options that change results (settings, base URL, streaming), by model id. */
  modelOptions?: Record<string, unknown>;
  /** A guarded run (`--guard`): the policy's hash and who answers holds; part of the run's identity. */
  guard?: { policyHash: string; approver: string };
}

/** One trial's identity inside a run; the store keeps each key at most once. */
export interface TrialKey {
  model: string;
  condition: string;
  variant: number;
  sample: number;
}

/**
 * The plan in canonical form: lists sorted and deduplicated, absent settings dropped, so
 * `--model b --model a` and `--model a --model b` are the same run.
 */
export function canonicalPlan(plan: RunPlan): RunPlan {
  const out: RunPlan = {
    models: [...new Set(plan.models)].sort(),
    conditions: [...new Set(plan.conditions)].sort(),
    variants: [...new Set(plan.variants)].sort((a, b) => a - b),
    protocol: plan.protocol,
    seed: plan.seed,
  };
  if (plan.maxSteps !== undefined) out.maxSteps = plan.maxSteps;
  const settings = Object.fromEntries(
    Object.entries(plan.settings ?? {})
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
  if (Object.keys(settings).length > 0) out.settings = settings as GenerationSettings;
  if (plan.modelOptions && Object.keys(plan.modelOptions).length > 0) {
    out.modelOptions = Object.fromEntries(
      Object.entries(plan.modelOptions).sort(([a], [b]) => a.localeCompare(b)),
    );
  }
  if (plan.guard) out.guard = { policyHash: plan.guard.policyHash, approver: plan.guard.approver };
  return out;
}

/**
 * sha256 over the canonical plan and the scenario packs' hashes: editing a pack makes a
 * new run, so one run never mixes two versions of a scenario.
 */
export function planHash(plan: RunPlan, packHashes: readonly string[]): string {
  const body = JSON.stringify({
    plan: canonicalPlan(plan),
    packs: [...new Set(packHashes)].sort(),
  });
  return createHash('sha256').update(body).digest('hex');
}

/** The run id a plan hash gets: short, stable, and the same in every output directory. */
export function runIdFor(hash: string): string {
  return `run-${hash.slice(0, 12)}`;
}

/** Every trial key of the plan for `samples` samples, model by model, condition by condition. */
export function* planKeys(plan: RunPlan, samples: number): Generator<TrialKey> {
  for (const model of plan.models) {
    for (const condition of plan.conditions) {
      for (const variant of plan.variants) {
        for (let sample = 0; sample < samples; sample++)
          yield { model, condition, variant, sample };
      }
    }
  }
}

/** Number of trials in the plan for `samples` samples. */
export function planSize(plan: RunPlan, samples: number): number {
  return plan.models.length * plan.conditions.length * plan.variants.length * samples;
}

/**
 * A trial's seed, derived from the run seed and the trial key so every trial is
 * reproducible on its own and two conditions never share a random stream.
 */
export function trialSeed(runSeed: number, key: TrialKey): number {
  const h = createHash('sha256')
    .update(`${runSeed}\0${key.model}\0${key.condition}\0${key.variant}\0${key.sample}`)
    .digest();
  return h.readUInt32BE(0);
}
