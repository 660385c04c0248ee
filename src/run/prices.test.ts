import { describe, expect, it } from 'vitest';
import { estimateCost, estimateRequestTokens, estimateTokens, priceOf } from './prices.js';

describe('prices', () => {
  it('costs a call from its usage', () => {
    expect(estimateCost('openai:gpt-4.1', { inputTokens: 1_000_000, outputTokens: 500_000 })).toBe(
      6,
    );
    expect(
      estimateCost('anthropic:claude-opus-4-1', { inputTokens: 2000, outputTokens: 1000 }),
    ).toBeCloseTo(0.105, 10);
  });

  it('matches dated snapshots to their family, the longest name first', () => {
    expect(priceOf('anthropic:claude-sonnet-4-5-20250929')).toEqual({ input: 3, output: 15 });
    expect(priceOf('openai:gpt-4o-mini-2024-07-18')).toEqual({ input: 0.15, output: 0.6 });
    expect(priceOf('openai:o3-mini')).toEqual({ input: 1.1, output: 4.4 });
  });

  it('prices OpenRouter ids by their maker and local Ollama models at zero', () => {
    expect(priceOf('openrouter:anthropic/claude-sonnet-4.5')).toEqual({ input: 3, output: 15 });
    expect(priceOf('openrouter:x-ai/grok-3')).toEqual({ input: 3, output: 15 });
    expect(estimateCost('ollama:llama3.1:8b', { inputTokens: 5000, outputTokens: 5000 })).toBe(0);
  });

  it('an unknown model costs null, not 0', () => {
    expect(
      estimateCost('openai-compatible:mystery@http://127.0.0.1:8000/v1', {
        inputTokens: 10,
        outputTokens: 10,
      }),
    ).toBeNull();
    expect(estimateCost('openai:gpt-4.1x', { inputTokens: 10, outputTokens: 10 })).toBeNull();
  });

  it('config overrides win and can price unknown models', () => {
    const overrides = {
      'openai:gpt-4.1': { input: 1, output: 1 },
      'openai-compatible:mine': { input: 0.5, output: 0.5 },
    };
    expect(
      estimateCost('openai:gpt-4.1', { inputTokens: 1_000_000, outputTokens: 0 }, overrides),
    ).toBe(1);
    expect(
      estimateCost(
        'openai-compatible:mine',
        { inputTokens: 2_000_000, outputTokens: 0 },
        overrides,
      ),
    ).toBe(1);
  });

  it('estimates tokens as characters / 4', () => {
    expect(estimateTokens('abcdefgh')).toBe(2);
    expect(estimateTokens('abcdefghi')).toBe(3);
    expect(
      estimateRequestTokens({
        system: 'x'.repeat(400),
        messages: [{ role: 'user', content: 'y'.repeat(400) }],
      }),
    ).toBe(200);
  });
});
