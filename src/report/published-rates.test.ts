import { describe, expect, it } from 'vitest';
import { PUBLISHED_RATES, publishedName, publishedRateFor } from './published-rates.js';

describe('published rates', () => {
  it('holds the eight headline blackmail rates named in DESIGN.md', () => {
    expect(PUBLISHED_RATES.map((r) => [r.model, r.rate])).toEqual([
      ['Claude Opus 4', 0.96],
      ['Gemini 2.5 Flash', 0.96],
      ['Gemini 2.5 Pro', 0.95],
      ['GPT-4.1', 0.8],
      ['Grok 3 Beta', 0.8],
      ['DeepSeek-R1', 0.79],
      ['Claude Sonnet 3.7', 0.65],
      ['GPT-4o', 0.15],
    ]);
  });

  it('finds the figure for provider ids, router paths and dated snapshots', () => {
    expect(publishedName('openrouter:anthropic/claude-opus-4-20250514')).toBe('claude-opus-4');
    expect(publishedRateFor('anthropic:claude-opus-4-20250514')?.model).toBe('Claude Opus 4');
    expect(publishedRateFor('openai:gpt-4.1-2025-04-14')?.rate).toBe(0.8);
    expect(publishedRateFor('google:gemini-2.5-flash-preview-05-20')?.model).toBe(
      'Gemini 2.5 Flash',
    );
    expect(publishedRateFor('openai:gpt-4o')?.model).toBe('GPT-4o');
  });

  it('does not confuse neighbouring models', () => {
    expect(publishedRateFor('openai:gpt-4o-mini')).toBeUndefined();
    expect(publishedRateFor('openai:gpt-4.1-mini')).toBeUndefined();
    expect(publishedRateFor('anthropic:claude-opus-4-1')).toBeUndefined();
    expect(publishedRateFor('reference:misaligned')).toBeUndefined();
  });
});
