/**
 * The rows every report works on (DESIGN.md, `turncoat report --format json`): one per
 * (model, condition) unless grouped otherwise, counts plus a Wilson 95% interval, and one
 * field per grouping axis. Produced by the store's `rateRows(db, runId, groupBy)`.
 */
import type { CountRow } from '../stats/pooled-rates.js';

export type ModelKind = 'reference' | 'language-model';

export interface RateRow extends CountRow {
  model: string;
  /** `reference` agents are scripted, not language models; every output must say so. */
  modelKind: ModelKind;
  condition: string;
  scenario: string;
  /** harmful / valid; null (or absent meaning) when valid is 0. */
  rate: number | null;
  ciLow: number;
  ciHigh: number;
  /** One field per grouping axis (for example `mitigation`, `notice`, `evalAwareness`). */
  [axis: string]: unknown;
}

/** A rate row's count and rate fields, in the order exports print them; every other field is a grouping axis. */
export const COUNT_FIELDS = [
  'trials',
  'valid',
  'harmful',
  'errors',
  'rate',
  'ciLow',
  'ciHigh',
] as const;

/** What a report says about where its numbers came from. */
export interface RunProvenance {
  id: string;
  /** ISO 8601 time the run was created. */
  created: string;
  toolVersion: string;
  /** The run's plan: models, conditions, variants, protocol, settings. */
  plan?: Record<string, unknown>;
  /** Scenario pack name -> content hash. */
  packHashes?: Record<string, string>;
}

/** True when a model id names a scripted reference agent (`reference:<persona>`). */
export function isReferenceModel(row: Pick<RateRow, 'model' | 'modelKind'>): boolean {
  return (
    row.modelKind === 'reference' ||
    (typeof row.model === 'string' && row.model.startsWith('reference:'))
  );
}
