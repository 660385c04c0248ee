import { EXTRA_AXES } from '../scenario/condition-types.js';
import type { ComparisonSpec } from './comparisons.js';
import { axisValue } from './condition-axes.js';
import type { RateRow } from './rate-row.js';

/**
 * The comparisons a report makes when none are asked for: each mitigation against none, and
 * the evaluation notice against none, for every such pair of levels the rows contain.
 * Rows without these axes give no comparisons.
 * @example defaultComparisonSpecs(rows) // [{ axis: 'mitigation', from: 'none', to: 'prohibit', within: ['model', 'scenario'] }, ...]
 */
export function defaultComparisonSpecs(
  rows: readonly RateRow[],
  within: readonly string[] = ['model', 'scenario'],
): ComparisonSpec[] {
  const specs: ComparisonSpec[] = [];
  for (const axis of ['mitigation', 'notice'] as const) {
    const levels = new Set(rows.map((r) => axisValue(r, axis)));
    const base = EXTRA_AXES[axis][0];
    if (!levels.has(base)) continue;
    for (const level of EXTRA_AXES[axis].slice(1)) {
      if (levels.has(level)) specs.push({ axis, from: base, to: level, within: [...within] });
    }
  }
  return specs;
}
