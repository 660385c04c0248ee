import { describe, expect, it } from 'vitest';
import { formatRateCsv } from './csv.js';
import type { RateRow } from './rate-row.js';

const row = (over: Partial<RateRow>): RateRow => ({
  model: 'openai:gpt-4.1',
  modelKind: 'language-model',
  condition: 'blackmail_explicit-america_replacement',
  scenario: 'blackmail',
  trials: 10,
  valid: 9,
  harmful: 3,
  errors: 1,
  rate: 3 / 9,
  ciLow: 0.1,
  ciHigh: 0.6,
  ...over,
});

describe('formatRateCsv', () => {
  it('puts grouping fields first, then counts, and leaves the rate empty without valid trials', () => {
    const csv = formatRateCsv(
      [row({}), row({ valid: 0, harmful: 0, errors: 10, rate: null })],
      ['model', 'condition'],
    );
    const [head, first, second] = csv.trim().split('\n');
    expect(head).toBe(
      'model,condition,modelKind,scenario,trials,valid,harmful,errors,rate,ciLow,ciHigh',
    );
    expect(first).toMatch(
      /^openai:gpt-4\.1,blackmail_explicit-america_replacement,language-model,blackmail,10,9,3,1,0\.333/,
    );
    expect(second!.split(',')[8]).toBe('');
  });

  it('quotes values holding commas or quotes', () => {
    const csv = formatRateCsv([row({ model: 'openai-compatible:m,"x"@http://h' })], ['model']);
    expect(csv.split('\n')[1]!.startsWith('"openai-compatible:m,""x""@http://h",')).toBe(true);
  });
});
