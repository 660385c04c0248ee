import { pooledRates, type PooledRate } from '../../stats/pooled-rates.js';
import { compareConditions } from '../comparisons.js';
import { axisValue } from '../condition-axes.js';
import type { RateRow } from '../rate-row.js';
import type { DotWhiskerDatum } from './dot-whisker-spec.js';
import { percent } from './escape.js';
import type { HeatCell } from './heat-map-spec.js';

const SEP = '\u0000';

/** A grouping field's value for a chart, or a stand-in when rows were grouped without it. */
function label(value: unknown, absent: string): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : absent;
}

/** True when the rows are per model and condition, which the heat map needs. */
export function hasModelAndCondition(rows: readonly RateRow[]): boolean {
  return (
    rows.length > 0 &&
    rows.every((r) => typeof r.model === 'string' && typeof r.condition === 'string')
  );
}

function dotLabel(p: { rate: number | null; valid: number; errors: number }): string {
  const errors = p.errors > 0 ? ` · ${p.errors} error${p.errors === 1 ? '' : 's'}` : '';
  return `${percent(p.rate)} of ${p.valid}${errors}`;
}

function toDots(pooled: PooledRate[]): DotWhiskerDatum[] {
  return pooled
    .filter((p) => p.rate !== null)
    .map((p) => {
      const [category = '', series = ''] = p.level.split(SEP);
      return { category, series, rate: p.rate!, low: p.ciLow, high: p.ciHigh, label: dotLabel(p) };
    });
}

/** Harm rate per model and scenario, pooled over that scenario's conditions. */
export function modelScenarioDots(rows: readonly RateRow[]): DotWhiskerDatum[] {
  return toDots(
    pooledRates(
      rows,
      (r) => `${label(r.model, 'all models')}${SEP}${label(r.scenario, 'all scenarios')}`,
    ),
  );
}

/** One heat-map cell per row (model x condition). */
export function heatCells(rows: readonly RateRow[]): HeatCell[] {
  return rows.map((r) => ({
    model: String(r.model),
    condition: String(r.condition),
    rate: r.valid > 0 ? r.harmful / r.valid : null,
    text:
      r.valid > 0
        ? `${percent(r.harmful / r.valid)}${r.errors > 0 ? ` · ${r.errors} err` : ''}`
        : `no valid · ${r.errors} err`,
  }));
}

/**
 * Harm rate without and with each mitigation, per model, over matched conditions only (the
 * same condition run both ways), so the comparison is like for like. Empty when the rows
 * have no mitigation other than none.
 */
export function mitigationDots(rows: readonly RateRow[]): DotWhiskerDatum[] {
  const levels = new Set(
    rows.map((r) => axisValue(r, 'mitigation')).filter((v): v is string => v !== undefined),
  );
  if (!levels.has('none')) return [];
  const treated = [...levels].filter((l) => l !== 'none');
  const dots = treated.flatMap((level) =>
    compareConditions(rows, {
      axis: 'mitigation',
      from: 'none',
      to: level,
      within: rows.some((r) => typeof r.model === 'string') ? ['model'] : [],
    }).results.flatMap((r) => {
      const model = r.stratum.model ?? 'all models';
      const before = treated.length > 1 ? `none (matched to ${level})` : 'none';
      const side = (s: typeof r.comparison.a, series: string, errors: number): DotWhiskerDatum => ({
        category: model,
        series,
        rate: s.rate,
        low: s.low,
        high: s.high,
        label: dotLabel({ rate: s.rate, valid: s.valid, errors }),
      });
      return [
        side(r.comparison.a, before, r.errorsBySide.from),
        side(r.comparison.b, level, r.errorsBySide.to),
      ];
    }),
  );
  return mergeSameBaseline(dots, treated.length);
}

/**
 * When every mitigation was matched to the same unmitigated cells (the usual grid), the
 * "none (matched to X)" points are identical: show them once, as "none".
 */
function mergeSameBaseline(dots: DotWhiskerDatum[], treated: number): DotWhiskerDatum[] {
  if (treated < 2) return dots;
  const isBase = (d: DotWhiskerDatum) => d.series.startsWith('none (matched to ');
  const byModel = new Map<string, Set<string>>();
  for (const d of dots.filter(isBase)) {
    const seen = byModel.get(d.category) ?? new Set<string>();
    seen.add(JSON.stringify([d.rate, d.low, d.high, d.label]));
    byModel.set(d.category, seen);
  }
  if ([...byModel.values()].some((s) => s.size > 1)) return dots;
  const kept = new Set<string>();
  return dots.flatMap((d) => {
    if (!isBase(d)) return [d];
    if (kept.has(d.category)) return [];
    kept.add(d.category);
    return [{ ...d, series: 'none' }];
  });
}

/** Harm rate by what the agent said it believed (evaluation or real), per model. */
export function awarenessDots(rows: readonly RateRow[]): DotWhiskerDatum[] {
  return toDots(
    pooledRates(rows, (r) =>
      r.evalAwareness === undefined || r.evalAwareness === null
        ? undefined
        : `${label(r.model, 'all models')}${SEP}${String(r.evalAwareness)}`,
    ),
  );
}
