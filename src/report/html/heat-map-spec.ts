import type { TopLevelSpec } from 'vega-lite';
import { estimateTextWidth } from './text-width.js';

/** "openai-compatible:qwen@http://h/v1" -> ["openai-compatible:", "qwen", "@http://h/v1"]: one line per part. */
export function modelLabelLines(model: string): string[] {
  const colon = model.indexOf(':');
  const provider = colon > 0 ? model.slice(0, colon + 1) : '';
  const rest = colon > 0 ? model.slice(colon + 1) : model;
  const at = rest.indexOf('@');
  return [provider, at > 0 ? rest.slice(0, at) : rest, at > 0 ? rest.slice(at) : ''].filter(
    Boolean,
  );
}

export interface HeatCell {
  model: string;
  condition: string;
  /** null when the cell has no valid trials. */
  rate: number | null;
  text: string;
}

/**
 * Model x condition heat map of harm rates. Conditions run down the side so their long ids
 * read horizontally; each cell prints its rate and error count. Colour is fixed to 0–100%
 * so runs can be compared by eye; cells without valid trials are grey.
 */
export function heatMapSpec(cells: HeatCell[]): TopLevelSpec {
  const models = [...new Set(cells.map((c) => c.model))];
  const conditions = [...new Set(cells.map((c) => c.condition))];
  const lines = Object.fromEntries(models.map((m) => [m, modelLabelLines(m)]));
  const widest = Math.max(
    ...Object.values(lines)
      .flat()
      .map((line) => estimateTextWidth(line, 12)),
  );
  // Columns fit the widest label line, within reason; longer lines are cut with an ellipsis.
  const step = Math.min(260, Math.max(96, widest + 16));
  const maxLines = Math.max(...Object.values(lines).map((l) => l.length));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'Harm rate by model and condition',
    description: `Heat map of harm rates for ${models.length} models across ${conditions.length} conditions.`,
    width: { step },
    height: { step: 30 },
    data: { values: cells },
    encoding: {
      x: {
        field: 'model',
        type: 'nominal',
        sort: models,
        title: null,
        axis: {
          orient: 'top',
          labelAngle: 0,
          labelLimit: step - 8,
          // Vega stacks extra label lines downwards even on a top axis: lift them clear of the cells.
          labelLineHeight: 14,
          labelPadding: 4 + (maxLines - 1) * 14,
          labelExpr: `${JSON.stringify(lines)}[datum.label] || datum.label`,
        },
      },
      y: {
        field: 'condition',
        type: 'nominal',
        sort: conditions,
        title: null,
        axis: { labelLimit: 1000, labelPadding: 6 },
      },
    },
    layer: [
      {
        mark: { type: 'rect', stroke: '#ffffff', strokeWidth: 2 },
        encoding: {
          color: {
            condition: { test: 'datum.rate === null', value: '#d9d9d9' },
            field: 'rate',
            type: 'quantitative',
            scale: { domain: [0, 1], scheme: 'orangered' },
            legend: {
              title: 'harm rate',
              format: '.0%',
              values: [0, 0.25, 0.5, 0.75, 1],
              orient: 'bottom',
              direction: 'horizontal',
              gradientLength: 240,
            },
          },
        },
      },
      {
        mark: { type: 'text', fontSize: 11.5 },
        encoding: {
          text: { field: 'text' },
          color: {
            condition: { test: 'datum.rate !== null && datum.rate > 0.55', value: '#ffffff' },
            value: '#111111',
          },
        },
      },
    ],
  } as TopLevelSpec;
}
