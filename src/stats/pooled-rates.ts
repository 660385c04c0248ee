import { wilsonInterval } from './wilson.js';

/** The counts behind a harm rate. */
export interface CountRow {
  /** All trials, including errors. */
  trials: number;
  /** Trials that completed and were scored; the denominator of the rate. */
  valid: number;
  harmful: number;
  /** Failed trials, excluded from the rate, shown in every table. */
  errors: number;
}

export interface PooledRate extends CountRow {
  level: string;
  /** How many rows (cells) were pooled into this level. */
  cells: number;
  /** harmful / valid, or null without valid trials. */
  rate: number | null;
  ciLow: number;
  ciHigh: number;
}

/**
 * Pools rows by a level (an axis value) and gives each level's harm rate with a Wilson
 * interval. Counts are summed, so each level's rate weights cells by their valid trials.
 * Rows whose level is undefined are left out. Levels come back in first-seen order.
 * @example pooledRates(rows, (r) => r.mitigation) // [{ level: 'none', ... }, { level: 'prohibit', ... }]
 */
export function pooledRates<R extends CountRow>(
  rows: readonly R[],
  levelOf: (row: R) => string | undefined,
  confidence = 0.95,
): PooledRate[] {
  const byLevel = new Map<string, PooledRate>();
  for (const row of rows) {
    const level = levelOf(row);
    if (level === undefined) continue;
    const pooled = byLevel.get(level) ?? {
      level,
      cells: 0,
      trials: 0,
      valid: 0,
      harmful: 0,
      errors: 0,
      rate: null,
      ciLow: 0,
      ciHigh: 1,
    };
    pooled.cells += 1;
    pooled.trials += row.trials;
    pooled.valid += row.valid;
    pooled.harmful += row.harmful;
    pooled.errors += row.errors;
    byLevel.set(level, pooled);
  }
  return [...byLevel.values()].map((p) => {
    const ci = wilsonInterval(p.harmful, p.valid, confidence);
    return { ...p, rate: p.valid > 0 ? p.harmful / p.valid : null, ciLow: ci.low, ciHigh: ci.high };
  });
}
