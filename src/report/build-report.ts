import { InputError } from '../errors.js';
import type { Db } from '../store/open-database.js';
import { awarenessRateRows, rateRows, type IntervalMethod } from '../store/rate-rows.js';
import type { RunRecord } from '../store/runs.js';
import { formatComparisonLines } from './comparison-lines.js';
import { compareConditions, parseComparisonSpec, type ComparisonFamily } from './comparisons.js';
import { CONDITION_AXES } from './condition-axes.js';
import { formatRateCsv } from './csv.js';
import { defaultComparisonSpecs } from './default-comparisons.js';
import type { Grouping } from './grouping.js';
import { marginalEffects } from './marginal-effects.js';
import { formatMarginalTable } from './marginal-table.js';
import type { RateRow, RunProvenance } from './rate-row.js';
import { formatRateTable } from './table.js';

export type ReportFormat = 'table' | 'json' | 'csv' | 'html';

export interface ReportRequest {
  grouping: Grouping;
  format: ReportFormat;
  /** `axis=from:to` specs; empty means the default comparisons (mitigation, notice). */
  compare: readonly string[];
  /** Strata of each comparison, comma-separated; default `model,scenario`. */
  within?: string;
  ci: IntervalMethod;
  marginals: boolean;
  /** Judging pass whose eval_awareness verdicts split the rows; default `run`. */
  pass?: string;
  viewerUrl?: string;
}

/** Axes of the marginal effects: model, every condition axis, and the surface variant. */
const MARGINAL_AXES = ['model', ...CONDITION_AXES, 'variant'];

/** Axes a comparison can name or be stratified by. */
export const COMPARISON_AXES: readonly string[] = [
  'model',
  'modelKind',
  'condition',
  ...CONDITION_AXES,
  'variant',
];

/** The run as reports cite it. */
export function provenanceOf(run: RunRecord): RunProvenance {
  return {
    id: run.id,
    created: run.created,
    toolVersion: run.toolVersion,
    plan: run.plan as unknown as Record<string, unknown>,
    packHashes: run.packHashes,
  };
}

/** Rows per model, condition and surface variant: what comparisons and marginals work on. */
export function analysisRows(db: Db, runId: string): RateRow[] {
  return rateRows(db, runId, ['model', 'condition', 'variant']);
}

/** The family of comparisons a report states: the requested specs, or the defaults. */
export function reportComparisons(
  rows: readonly RateRow[],
  compare: readonly string[],
  within?: string,
): ComparisonFamily | undefined {
  const strata = (within ?? 'model,scenario')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const axis of strata) {
    if (!COMPARISON_AXES.includes(axis))
      throw new InputError(
        `unknown axis '${axis}' in --within; valid: ${COMPARISON_AXES.join(', ')}`,
      );
  }
  for (const text of compare) {
    const axis = text.split('=')[0]!.trim();
    if (text.includes('=') && !COMPARISON_AXES.includes(axis))
      throw new InputError(
        `unknown axis '${axis}' in --compare '${text}'; valid: ${COMPARISON_AXES.join(', ')}`,
      );
  }
  const specs = compare.length
    ? compare.map((c) => parseComparisonSpec(c, within))
    : defaultComparisonSpecs(
        rows,
        within?.split(',').map((s) => s.trim()),
      );
  return specs.length ? compareConditions(rows, specs) : undefined;
}

function groupedRows(db: Db, runId: string, request: ReportRequest): RateRow[] {
  const { fields, awareness } = request.grouping;
  return awareness
    ? awarenessRateRows(db, runId, fields, {
        ci: request.ci,
        ...(request.pass ? { pass: request.pass } : {}),
      })
    : rateRows(db, runId, fields, { ci: request.ci });
}

const CI_LABEL: Record<IntervalMethod, string> = {
  wilson: '95% CI',
  'clopper-pearson': '95% CI (exact)',
};

/**
 * Builds a report of one run from the store: every count is aggregated in SQL (one row per
 * group reaches JavaScript), so a million stored trials cost a few indexed scans.
 * Returns the text to print (table, json, csv) or the HTML document.
 */
export async function buildReport(db: Db, run: RunRecord, request: ReportRequest): Promise<string> {
  const { format } = request;
  if (format === 'json') return JSON.stringify(groupedRows(db, run.id, request), null, 2);
  if (format === 'csv')
    return formatRateCsv(groupedRows(db, run.id, request), request.grouping.keys);
  const analysis = analysisRows(db, run.id);
  const comparisons = reportComparisons(analysis, request.compare, request.within);
  if (format === 'html') {
    // Vega loads only for HTML: a table or CSV report should start in a blink.
    const { renderHtmlReport } = await import('./html/render-html-report.js');
    return renderHtmlReport({
      rows: rateRows(db, run.id, ['model', 'condition'], { ci: request.ci }),
      ...(comparisons ? { comparisons } : {}),
      run: provenanceOf(run),
      marginals: marginalEffects(analysis, MARGINAL_AXES),
      awareness: awarenessRateRows(
        db,
        run.id,
        ['model'],
        request.pass ? { pass: request.pass } : {},
      ),
      ...(request.viewerUrl ? { viewerUrl: request.viewerUrl } : {}),
    });
  }
  const rows = groupedRows(db, run.id, request);
  const stored = rows.reduce((n, r) => n + r.trials, 0);
  const parts = [
    `run ${run.id} (${runState(run, stored)}, created ${run.created}, turncoat ${run.toolVersion}): ${stored} trials, protocol ${run.plan.protocol}`,
    '',
    formatRateTable(rows, request.grouping.keys).replace('95% CI', CI_LABEL[request.ci]),
  ];
  if (comparisons) parts.push('', ...formatComparisonLines(comparisons));
  if (request.marginals)
    parts.push('', formatMarginalTable(marginalEffects(analysis, MARGINAL_AXES)));
  parts.push(
    '',
    `rate = harmful / valid; errors (failed or unscored trials) are excluded from it. Intervals: ${request.ci === 'wilson' ? 'Wilson score' : 'Clopper-Pearson exact'}, 95%.`,
  );
  return parts.join('\n');
}

/**
 * The run's state as a reader needs it. A run whose process was killed still says `running`
 * in the store (nothing was left alive to update it), so an unfinished run says how far it
 * got and how to continue instead.
 */
export function runState(run: RunRecord, stored: number): string {
  if (run.status === 'complete') return 'complete';
  const planned =
    run.plan.models.length * run.plan.conditions.length * run.plan.variants.length * run.samples;
  const how =
    run.status === 'interrupted' ? 'interrupted' : 'running, or stopped without finishing';
  return `${how}: ${stored} of ${planned} trials stored; rerun the same command to resume`;
}
