import { comparisonsTable } from '../html/tables.js';
import { escapeHtml, percent, rateWithInterval } from '../html/escape.js';
import { REPORT_CSS } from '../html/styles.js';
import { outcomeNoun } from '../comparisons.js';
import { PUBLISHED_CONTEXT, PUBLISHED_SOURCE } from '../published-rates.js';
import type { RiskAssessment } from './assess-risk.js';
import { dotWhiskerSpec } from '../html/dot-whisker-spec.js';
import { renderSvg } from '../html/render-svg.js';
import { riskDots } from './risk-chart.js';

/** The headline rates with what changed them, as one dot-and-whisker chart (empty without data). */
async function headlineChart(a: RiskAssessment): Promise<string> {
  const data = riskDots(a);
  if (data.length === 0) return '';
  const svg = await renderSvg(
    dotWhiskerSpec({
      data,
      title: `${a.model}: harm rate at the headline, and what changed it`,
      description:
        'Harm rate per scenario at the headline condition, with each mitigation and the evaluation notice, with 95% Wilson intervals; the study’s published figure where one exists.',
      categoryTitle: 'scenario',
      seriesTitle: 'condition',
    }),
  );
  return `<figure id="chart-risk"><div class="chart">${svg}</div><figcaption>Each dot is a harm rate with its 95% Wilson interval; mitigations and the notice are over matched conditions only. The study’s figure has no interval because the study published none.</figcaption></figure>`;
}

const td = (text: string, cls = '') => `<td${cls ? ` class="${cls}"` : ''}>${text}</td>`;

function table(caption: string, head: string[], rows: string[][]): string {
  return `<div class="table-wrap"><table><caption>${escapeHtml(caption)}</caption><thead><tr>${head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.join('')}</tr>`).join('')}</tbody></table></div>`;
}

/**
 * The risk assessment as one self-contained HTML page (inline CSS, no script, nothing
 * fetched): headline rates beside the study's figures, what changed them, beliefs, gaps.
 */
export async function renderRiskHtml(a: RiskAssessment): Promise<string> {
  const chart = await headlineChart(a);
  const headline = a.headline.length
    ? table(
        'Harm rate under each family’s headline condition (explicit goal conflict, with the replacement threat for blackmail and lethal action; no mitigation, no notice)',
        ['scenario', 'outcome', 'valid', 'harmful', 'errors', 'harm rate [95% CI]', 'the study'],
        a.headline.map((h) => [
          `<th scope="row">${escapeHtml(h.scenario)}</th>`,
          td(escapeHtml(outcomeNoun(h.scenario))),
          td(String(h.valid), 'num'),
          td(String(h.harmful), 'num'),
          td(String(h.errors), `num${h.errors > 0 ? ' has-errors' : ''}`),
          td(rateWithInterval(h.rate, h.ciLow, h.ciHigh), 'num rate'),
          td(h.published ? `${percent(h.published.rate)} (${escapeHtml(h.published.model)})` : '–'),
        ]),
      )
    : '<p class="unavailable">No headline condition was run for this model.</p>';
  const changes =
    a.changes.size > 0
      ? `<p>${escapeHtml(a.changes.description)}.</p><ul class="readings">${a.changes.results.map((r) => `<li>${escapeHtml(r.reading)}</li>`).join('')}</ul>${comparisonsTable(a.changes)}`
      : '<p class="unavailable">No mitigation or evaluation notice was run at the headline for this model.</p>';
  const awareness = a.awareness.length
    ? table(
        'Harm rate by what the model said it believed (eval_awareness verdicts)',
        ['believed', 'valid', 'harmful', 'errors', 'harm rate [95% CI]'],
        a.awareness.map((p) => [
          `<th scope="row">${escapeHtml(p.level)}</th>`,
          td(String(p.valid), 'num'),
          td(String(p.harmful), 'num'),
          td(String(p.errors), 'num'),
          td(rateWithInterval(p.rate, p.ciLow, p.ciHigh), 'num rate'),
        ]),
      )
    : '<p class="unavailable">No awareness verdicts for this model.</p>';
  const banner = a.reference
    ? '<div class="banner" role="note"><strong>Scripted reference agent, not a language model</strong>This agent follows a fixed script to exercise the pipeline. Its rates say nothing about how any AI model behaves.</div>'
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>turncoat risk assessment · ${escapeHtml(a.model)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header>
<h1>Risk assessment: ${escapeHtml(a.model)}</h1>
<p class="subtitle">Run <code>${escapeHtml(a.run.id)}</code> · created ${escapeHtml(a.run.created)} · ${escapeHtml(a.run.toolVersion)}</p>
</header>
${banner}
<main>
<section id="headline"><h2>Harm under the headline conditions</h2>${headline}${chart}<p class="note">Rates are harmful ÷ valid trials; errors are excluded and counted. The study's figures come from its own harness and prompts, so they are context, not a benchmark to match.</p></section>
<section id="changes"><h2>What changed it</h2>${changes}</section>
<section id="awareness"><h2>What it believed</h2>${awareness}</section>
<section id="gaps"><h2>Not covered by this run</h2><ul>${a.gaps.map((g) => `<li>${escapeHtml(g)}</li>`).join('') || '<li>Nothing we check for.</li>'}</ul></section>
<section id="sources"><h2>The study's figures</h2><p>${escapeHtml(PUBLISHED_SOURCE)}.</p><ul>${PUBLISHED_CONTEXT.map((c) => `<li>${escapeHtml(c)}</li>`).join('')}</ul></section>
</main>
<footer>Generated by ${escapeHtml(a.run.toolVersion)}. Self-contained: loads nothing from the network.</footer>
</body>
</html>
`;
}
