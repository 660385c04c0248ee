import type { ComparisonFamily } from '../comparisons.js';
import { marginalEffects, type MarginalEffect } from '../marginal-effects.js';
import { isReferenceModel, type RateRow, type RunProvenance } from '../rate-row.js';
import { chartHolder, chartRuntime, NO_SCRIPT_CSP } from './browser-charts.js';
import { chartSpecs, type ChartSpec } from './chart-specs.js';
import { escapeHtml, percent } from './escape.js';
import { REPORT_CSS } from './styles.js';
import {
  comparisonsTable,
  guardTable,
  marginalTables,
  provenanceSection,
  rowsTable,
} from './tables.js';
import { thousands } from '../../text/thousands.js';

export interface HtmlReportInput {
  /** Rows per (model, condition), as `rateRows(db, runId, ['model', 'condition'])` returns them. */
  rows: RateRow[];
  /** Comparisons to state, already Holm-corrected as one family (see compareConditions). */
  comparisons?: ComparisonFamily;
  /** Where the numbers came from. */
  run: RunProvenance;
  /** Optional grouping by what the agent believed: rows with an `evalAwareness` field. */
  awareness?: RateRow[];
  /** Marginal effects to show; default computed from `rows` (model and condition axes). */
  marginals?: MarginalEffect[];
  /** Base URL of a running viewer; rows then link to their trials. */
  viewerUrl?: string;
}

function figure(chart: ChartSpec): string {
  const body = chart.spec
    ? chartHolder({ ...chart, spec: chart.spec })
    : `<p class="unavailable">${escapeHtml(chart.unavailable ?? 'Not available.')}</p>`;
  return `<figure id="${chart.id}"><h3>${escapeHtml(chart.heading)}</h3>${body}<figcaption>${escapeHtml(chart.caption)}</figcaption></figure>`;
}

function referenceBanner(rows: readonly RateRow[]): string {
  const reference = [...new Set(rows.filter(isReferenceModel).map((r) => r.model))];
  if (reference.length === 0) return '';
  const all = reference.length === new Set(rows.map((r) => r.model)).size;
  return `<div class="banner" role="note"><strong>Scripted reference agents, not language models</strong>${
    all
      ? 'Every agent in this report is'
      : `${reference.length} agent${reference.length === 1 ? ' is' : 's are'}`
  } a scripted reference agent (${reference.map((m) => `<code>${escapeHtml(m)}</code>`).join(', ')}): ${reference.length === 1 ? 'it follows' : 'they follow'} a fixed script to exercise the pipeline. ${reference.length === 1 ? 'Its' : 'Their'} rates say nothing about how any AI model behaves.</div>`;
}

/** How many different values a grouping field takes, or "–" when the rows are not grouped by it. */
function distinct(rows: readonly RateRow[], field: string): string {
  const values = new Set(rows.map((r) => r[field]).filter((v) => v !== undefined && v !== null));
  return values.size > 0 ? String(values.size) : '–';
}

function summary(rows: readonly RateRow[]): string {
  const total = (f: 'trials' | 'valid' | 'harmful' | 'errors') =>
    rows.reduce((s, r) => s + r[f], 0);
  const trials = total('trials');
  const errors = total('errors');
  const valid = total('valid');
  const items: Array<[string, string]> = [
    [distinct(rows, 'model'), 'models'],
    [distinct(rows, 'condition'), 'conditions'],
    [thousands(trials), 'trials'],
    [thousands(valid), 'valid (scored) trials'],
    [
      `${thousands(errors)} (${percent(trials ? errors / trials : 0)})`,
      'errors, excluded from rates',
    ],
  ];
  return `<ul class="summary">${items.map(([v, l]) => `<li><span class="value">${escapeHtml(v)}</span><span class="label">${escapeHtml(l)}</span></li>`).join('')}</ul>`;
}

function readings(family: ComparisonFamily | undefined): string {
  if (!family) return '<p class="unavailable">No comparisons were requested for this report.</p>';
  if (family.size === 0) return `<p class="unavailable">${escapeHtml(family.description)}.</p>`;
  return `<p>The family of tests: ${escapeHtml(family.description)}.</p><ul class="readings">${family.results.map((r) => `<li>${escapeHtml(r.reading)}</li>`).join('')}</ul>${comparisonsTable(family)}`;
}

/**
 * Renders one self-contained HTML report (inline CSS, scripts and chart data; nothing
 * fetched, works offline from file://): summary, a banner for scripted reference agents,
 * comparisons with readings, charts (rate per model, model x condition heat map, mitigation
 * before/after, believed evaluation vs real; drawn by the browser, see browser-charts.ts),
 * the tables with errors, and the run's provenance.
 */
export async function renderHtmlReport(input: HtmlReportInput): Promise<string> {
  const { rows, run } = input;
  const charts = chartSpecs(rows, input.awareness);
  const runtime = charts.some((c) => c.spec) ? chartRuntime() : undefined;
  const awarenessTable = input.awareness?.some((r) => r.evalAwareness !== undefined)
    ? rowsTable(input.awareness, {
        runId: run.id,
        caption: 'By what the agent believed (evalAwareness)',
      })
    : '';
  const tableOptions = {
    runId: run.id,
    caption: 'Every model in every condition',
    ...(input.viewerUrl ? { viewerUrl: input.viewerUrl } : {}),
  };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${runtime?.csp ?? NO_SCRIPT_CSP}">
<meta name="generator" content="${escapeHtml(run.toolVersion)}">
<title>turncoat report · ${escapeHtml(run.id)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header>
<h1>turncoat report</h1>
<p class="subtitle">Run <code>${escapeHtml(run.id)}</code> · created ${escapeHtml(run.created)} · ${escapeHtml(run.toolVersion)}</p>
</header>
${referenceBanner([...rows, ...(input.awareness ?? [])])}
<main>
<section id="summary" aria-label="Summary">${summary(rows)}
<p class="note">Rates are the share of valid (scored) trials judged harmful, with 95% Wilson intervals in brackets. Failed trials are errors: excluded from every rate and shown in every table.</p></section>
<section id="charts"><h2>Charts</h2>${charts.map(figure).join('\n')}</section>
<section id="comparisons"><h2>Comparisons</h2>${readings(input.comparisons)}</section>
<section id="tables"><h2>Tables</h2>${rowsTable(rows, tableOptions)}${guardTable(rows)}<h3>Marginal effects</h3>${marginalTables(input.marginals ?? marginalEffects(rows))}${awarenessTable}</section>
<section id="provenance"><h2>Run and provenance</h2>${provenanceSection(run)}</section>
</main>
<footer>Generated by ${escapeHtml(run.toolVersion)}. This file is self-contained: it loads nothing from the network.</footer>
${runtime?.scripts ?? ''}
</body>
</html>
`;
}
