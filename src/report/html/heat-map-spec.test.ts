import { describe, expect, it } from 'vitest';
import { heatMapSpec, modelLabelLines } from './heat-map-spec.js';

describe('modelLabelLines', () => {
  it('puts provider, model and base URL on their own lines', () => {
    expect(modelLabelLines('openai:gpt-4.1')).toEqual(['openai:', 'gpt-4.1']);
    expect(modelLabelLines('openai-compatible:qwen2.5@http://127.0.0.1:8000/v1')).toEqual([
      'openai-compatible:',
      'qwen2.5',
      '@http://127.0.0.1:8000/v1',
    ]);
    expect(modelLabelLines('plain')).toEqual(['plain']);
  });
});

describe('heatMapSpec', () => {
  it('sizes columns to the widest label line and keeps the colour scale at 0-100%', () => {
    const spec = heatMapSpec([
      { model: 'openai:gpt-4.1', condition: 'c', rate: 0.5, text: '50%' },
      {
        model: 'reference:a-much-longer-persona-name',
        condition: 'c',
        rate: null,
        text: 'no valid',
      },
    ]) as unknown as {
      width: { step: number };
      layer: Array<{ encoding: { color?: { scale?: { domain: number[] } } } }>;
    };
    expect(spec.width.step).toBeGreaterThan(150);
    expect(spec.layer[0]!.encoding.color!.scale!.domain).toEqual([0, 1]);
  });
});
