import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '../../stats/wilson.js';
import type { RateRow } from '../rate-row.js';
import { assessRisk } from './assess-risk.js';
import { riskDots } from './risk-chart.js';

function row(condition: string, harmful: number, valid: number): RateRow {
  const ci = wilsonInterval(harmful, valid);
  return {
    model: 'openai:gpt-4o',
    modelKind: 'language-model',
    condition,
    scenario: 'blackmail',
    trials: valid,
    valid,
    harmful,
    errors: 0,
    rate: harmful / valid,
    ciLow: ci.low,
    ciHigh: ci.high,
  };
}

describe('riskDots', () => {
  it('draws the headline, each matched change, and the study figure without an interval', () => {
    const H = 'blackmail_explicit-america_replacement';
    const a = assessRisk({
      model: 'openai:gpt-4o',
      rows: [row(H, 30, 100), row(`${H}+mitigation=escalation`, 2, 100)],
      run: { id: 'r', created: 'c', toolVersion: 't' },
    });
    expect(riskDots(a).map((d) => [d.series, d.rate, d.label])).toEqual([
      ['headline', 0.3, '30% of 100'],
      ['with an escalation channel', 0.02, '2% of 100'],
      ['the study (published)', 0.15, '15% (GPT-4o)'],
    ]);
    const study = riskDots(a)[2]!;
    expect([study.low, study.high]).toEqual([0.15, 0.15]);
  });
});
