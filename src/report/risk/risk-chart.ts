import type { DotWhiskerDatum } from '../html/dot-whisker-spec.js';
import { percent } from '../html/escape.js';
import type { RiskAssessment } from './assess-risk.js';

const LEVEL_NAMES: Record<string, string> = {
  'mitigation=prohibit': 'with prohibitions',
  'mitigation=escalation': 'with an escalation channel',
  'notice=eval': 'with the evaluation notice',
};

const of = (p: { rate: number | null; valid: number; errors?: number }) =>
  `${percent(p.rate)} of ${p.valid}${p.errors ? ` · ${p.errors} err` : ''}`;

/**
 * The risk page's chart data, one row per scenario: the headline rate, the rate under each
 * mitigation and the notice (matched cells), and the study's figure where it published one
 * (a dot without an interval: the study gave none).
 */
export function riskDots(a: RiskAssessment): DotWhiskerDatum[] {
  const dots: DotWhiskerDatum[] = [];
  for (const h of a.headline) {
    if (h.rate === null) continue;
    dots.push({
      category: h.scenario,
      series: 'headline',
      rate: h.rate,
      low: h.ciLow,
      high: h.ciHigh,
      label: of(h),
    });
    for (const r of a.changes.results.filter((c) => c.stratum.scenario === h.scenario)) {
      const b = r.comparison.b;
      dots.push({
        category: h.scenario,
        series: LEVEL_NAMES[`${r.spec.axis}=${r.spec.to}`] ?? `${r.spec.axis}=${r.spec.to}`,
        rate: b.rate,
        low: b.low,
        high: b.high,
        label: of({ rate: b.rate, valid: b.valid, errors: r.errorsBySide.to }),
      });
    }
    if (h.published)
      dots.push({
        category: h.scenario,
        series: 'the study (published)',
        rate: h.published.rate,
        low: h.published.rate,
        high: h.published.rate,
        label: `${percent(h.published.rate)} (${h.published.model})`,
      });
  }
  return dots;
}
