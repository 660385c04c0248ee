import { describe, expect, it } from 'vitest';
import { count, formatUsageTable, type ModelUsageRow } from './model-usage.js';

describe('count', () => {
  it('groups thousands with commas, as en-US does', () => {
    for (const n of [0, 7, 999, 1000, 2700, 12_345, 999_999, 1_234_567, 10_000_000, -1234]) {
      expect(count(n)).toBe(n.toLocaleString('en-US'));
    }
  });

  it('rounds to a whole number first', () => {
    expect(count(1234.5)).toBe('1,235');
    expect(count(999.4)).toBe('999');
  });
});

describe('formatUsageTable', () => {
  const row = (over: Partial<ModelUsageRow>): ModelUsageRow => ({
    model: 'openai:gpt-4.1',
    modelKind: 'language-model',
    trials: 2000,
    errors: 0,
    inputTokens: 5_400_000,
    outputTokens: 24_000,
    reasoningTokens: 0,
    costUsd: 11.0,
    unpriced: 0,
    ...over,
  });

  it('shows each language model with grouped token counts and its cost', () => {
    const table = formatUsageTable([
      row({}),
      row({ model: 'reference:aligned', modelKind: 'reference' }),
    ]);
    expect(table).toMatch(/openai:gpt-4\.1\s+2,000\s+5,400,000\s+24,000\s+\$11\.00/);
    expect(table).not.toContain('reference:aligned');
  });

  it('is empty when no language model was in the run', () => {
    expect(formatUsageTable([row({ modelKind: 'reference' })])).toBe('');
  });
});
