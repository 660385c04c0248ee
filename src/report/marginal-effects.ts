import { pooledRates, type PooledRate } from '../stats/pooled-rates.js';
import { CONDITION_AXES, axisValue } from './condition-axes.js';
import type { RateRow } from './rate-row.js';

export interface MarginalEffect {
  axis: string;
  /** One entry per level of the axis, each pooled across every other axis. */
  levels: PooledRate[];
}

/**
 * Harm rate per level of each axis, pooled across the other axes (counts summed, Wilson
 * interval on the pooled counts). Axes with a single level in the rows are left out: they
 * did not vary, so they have no effect to show. Default axes: model and the condition axes.
 */
export function marginalEffects(
  rows: readonly RateRow[],
  axes: readonly string[] = ['model', ...CONDITION_AXES],
): MarginalEffect[] {
  return axes
    .map((axis) => ({ axis, levels: pooledRates(rows, (row) => axisValue(row, axis)) }))
    .filter((effect) => effect.levels.length > 1);
}
