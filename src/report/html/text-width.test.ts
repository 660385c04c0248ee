import { describe, expect, it } from 'vitest';
import { estimateTextWidth } from './text-width.js';

describe('estimateTextWidth', () => {
  it('measures narrow letters as narrow and wide letters as wide', () => {
    expect(estimateTextWidth('iiii', 10)).toBeLessThan(estimateTextWidth('mmmm', 10));
  });

  it('is tighter than the 0.8 em per character fallback for ordinary labels', () => {
    const label = 'blackmail_explicit-america_replacement+mitigation=prohibit';
    expect(estimateTextWidth(label, 12)).toBeLessThan(0.8 * label.length * 12);
    // Chromium's canvas measureText with 12px "DejaVu Sans" gives 369 px for this label.
    expect(estimateTextWidth(label, 12)).toBeGreaterThanOrEqual(369);
  });

  it('is not below DejaVu Sans for capitals, digits and mixed text (Chromium measureText at 12px)', () => {
    expect(estimateTextWidth('MMMWWW mmm iii 0123456789', 12)).toBeGreaterThanOrEqual(200);
    expect(
      estimateTextWidth('harm rate (share of valid trials), 95% Wilson interval', 12),
    ).toBeGreaterThanOrEqual(315);
    expect(
      estimateTextWidth('openai-compatible:qwen2.5-72b-instruct@http://127.0.0.1:8000/v1', 12),
    ).toBeGreaterThanOrEqual(404);
  });

  it('scales with font size and weight', () => {
    expect(estimateTextWidth('model', 24)).toBeCloseTo(2 * estimateTextWidth('model', 12), -1);
    expect(estimateTextWidth('model', 12, true)).toBeGreaterThan(estimateTextWidth('model', 12));
  });
});
