/**
 * Tokens and estimated cost per model, counted in SQL from the store, and the table `turncoat
 * run` prints under the rates.
 */
import type { Db } from '../store/open-database.js';
import { formatTable } from '../report/text-table.js';
import { thousands } from '../text/thousands.js';

export interface ModelUsageRow {
  model: string;
  modelKind: 'reference' | 'language-model';
  trials: number;
  errors: number;
  inputTokens: number;
  outputTokens: number;
  reasoningTokens: number;
  /** Sum of the trials' estimated cost; null when no trial of this model has a known price. */
  costUsd: number | null;
  /** Trials whose cost is unknown (unpriced model); their cost is not in `costUsd`. */
  unpriced: number;
}

/** One row per model of the run, in model order. */
export function modelUsage(db: Db, runId: string): ModelUsageRow[] {
  return db
    .prepare(
      `SELECT model, model_kind AS modelKind, COUNT(*) AS trials,
         SUM(status = 'error') AS errors,
         COALESCE(SUM(input_tokens), 0) AS inputTokens,
         COALESCE(SUM(output_tokens), 0) AS outputTokens,
         COALESCE(SUM(reasoning_tokens), 0) AS reasoningTokens,
         SUM(cost_usd) AS costUsd,
         SUM(cost_usd IS NULL) AS unpriced
       FROM trials WHERE run = ? GROUP BY model ORDER BY model`,
    )
    .all(runId) as ModelUsageRow[];
}

/** `$0.0123`, `$12.40`; `-` when unknown. Small amounts keep four decimals. */
export function usd(value: number | null): string {
  if (value === null) return '-';
  return value < 1 ? `$${value.toFixed(4)}` : `$${value.toFixed(2)}`;
}

/** A whole count with its thousands grouped: `1,234,567` (see `thousands`). */
export const count = (n: number): string => thousands(Math.round(n));

/**
 * The run's tokens and estimated cost per language model (scripted reference agents make no
 * calls and are left out). Empty when no language model was in the run.
 */
export function formatUsageTable(rows: readonly ModelUsageRow[]): string {
  const models = rows.filter((r) => r.modelKind === 'language-model');
  if (models.length === 0) return '';
  const body = models.map((r) => [
    r.model,
    count(r.trials),
    count(r.inputTokens),
    count(r.outputTokens),
    r.costUsd === null ? 'unknown price' : usd(r.costUsd) + (r.unpriced > 0 ? ' (partial)' : ''),
  ]);
  if (models.length > 1) {
    const known = models.filter((r) => r.costUsd !== null);
    body.push([
      'total',
      count(models.reduce((n, r) => n + r.trials, 0)),
      count(models.reduce((n, r) => n + r.inputTokens, 0)),
      count(models.reduce((n, r) => n + r.outputTokens, 0)),
      known.length ? usd(known.reduce((n, r) => n + (r.costUsd ?? 0), 0)) : '-',
    ]);
  }
  return formatTable(['model', 'trials', 'input tokens', 'output tokens', 'est. cost'], body, [
    'left',
    'right',
    'right',
    'right',
    'right',
  ]);
}
