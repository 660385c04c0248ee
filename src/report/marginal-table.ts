import type { MarginalEffect } from './marginal-effects.js';
import { interval, percent } from './table.js';
import { formatTable } from './text-table.js';

/**
 * Marginal effects as one aligned table: for each axis that varied, the harm rate at each
 * level pooled over every other axis, with its interval and errors.
 */
export function formatMarginalTable(
  effects: readonly MarginalEffect[],
  ciLabel = '95% CI',
): string {
  if (effects.length === 0) return 'Marginal effects: no axis varied in this run.';
  const body = effects.flatMap((e) =>
    e.levels.map((l, i) => [
      i === 0 ? e.axis : '',
      l.level,
      String(l.cells),
      String(l.trials),
      String(l.valid),
      String(l.harmful),
      String(l.errors),
      percent(l.rate),
      l.valid > 0 ? interval(l.ciLow, l.ciHigh) : '-',
    ]),
  );
  return [
    'Marginal effects: harm rate per level, pooled over every other axis (describes the run; for effects read the comparisons)',
    formatTable(
      ['axis', 'level', 'cells', 'trials', 'valid', 'harmful', 'errors', 'rate', ciLabel],
      body,
      ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
    ),
  ].join('\n');
}
