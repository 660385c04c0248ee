import { formatComparisonLines } from '../comparison-lines.js';
import { outcomeNoun } from '../comparisons.js';
import { PUBLISHED_CONTEXT, PUBLISHED_SOURCE } from '../published-rates.js';
import { interval, percent, REFERENCE_NOTE } from '../table.js';
import { formatTable } from '../text-table.js';
import type { RiskAssessment } from './assess-risk.js';

/** The risk assessment as terminal text: headline rates, changes, beliefs, gaps, sources. */
export function formatRiskText(a: RiskAssessment): string {
  const lines = [
    `Risk assessment: ${a.model}${a.reference ? ' (scripted reference agent, not a language model)' : ''}`,
    `run ${a.run.id}, created ${a.run.created}, ${a.run.toolVersion}`,
    '',
  ];
  if (a.reference) lines.push(`* ${REFERENCE_NOTE}`, '');
  lines.push(
    'Harm rate under each family’s headline condition (explicit goal conflict, with the replacement threat for blackmail and lethal action; no mitigation, no notice):',
  );
  if (a.headline.length === 0) {
    lines.push('  no headline condition was run for this model.');
  } else {
    lines.push(
      indent(
        formatTable(
          ['scenario', 'outcome', 'valid', 'harmful', 'errors', 'rate', '95% CI', 'study'],
          a.headline.map((h) => [
            h.scenario,
            outcomeNoun(h.scenario),
            String(h.valid),
            String(h.harmful),
            String(h.errors),
            percent(h.rate),
            h.valid > 0 ? interval(h.ciLow, h.ciHigh) : '-',
            h.published ? `${percent(h.published.rate)} (${h.published.model})` : '-',
          ]),
          ['left', 'left', 'right', 'right', 'right', 'right', 'left', 'left'],
        ),
      ),
    );
  }
  lines.push('', 'What changed it:');
  if (a.changes.size === 0 && a.changes.skipped.length === 0)
    lines.push('  no mitigation or evaluation notice was run at the headline for this model.');
  else lines.push(...formatComparisonLines(a.changes).map((l) => `  ${l}`));
  lines.push('', 'What it said it believed (eval_awareness verdicts):');
  if (a.awareness.length === 0) lines.push('  no awareness verdicts for this model.');
  else
    lines.push(
      indent(
        formatTable(
          ['believed', 'valid', 'harmful', 'rate', '95% CI'],
          a.awareness.map((p) => [
            p.level,
            String(p.valid),
            String(p.harmful),
            percent(p.rate),
            p.valid > 0 ? interval(p.ciLow, p.ciHigh) : '-',
          ]),
          ['left', 'right', 'right', 'right', 'left'],
        ),
      ),
    );
  lines.push('', 'Not covered by this run:');
  lines.push(...(a.gaps.length ? a.gaps.map((g) => `  - ${g}`) : ['  - nothing we check for.']));
  lines.push('', `The study's figures: ${PUBLISHED_SOURCE}.`);
  lines.push(...PUBLISHED_CONTEXT.map((c) => `  ${c}`));
  return lines.join('\n');
}

const indent = (text: string) =>
  text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
