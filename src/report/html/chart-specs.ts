import type { TopLevelSpec } from 'vega-lite';
import type { RateRow } from '../rate-row.js';
import {
  awarenessDots,
  hasModelAndCondition,
  heatCells,
  mitigationDots,
  modelScenarioDots,
} from './chart-data.js';
import { dotWhiskerSpec } from './dot-whisker-spec.js';
import { heatMapSpec } from './heat-map-spec.js';

/** One chart of the report: what it shows, and its Vega-Lite spec or why it is absent. */
export interface ChartSpec {
  id: string;
  heading: string;
  /** What the chart shows and how to read it. */
  caption: string;
  /** The chart as a Vega-Lite spec (data inline), or undefined when its data is not in this run. */
  spec?: TopLevelSpec;
  /** Why the chart is absent, when it is. */
  unavailable?: string;
}

/**
 * The report's charts, in the order they appear, as Vega-Lite specs: pure, no Vega loaded.
 * The HTML report draws them in the browser (browser-charts.ts); the viewer gets them as
 * SVG drawn on the server (charts.ts).
 * @example chartSpecs(rateRows(db, run.id, ['model', 'condition'])).map((c) => c.id)
 * // ['chart-model-rates', 'chart-heat-map', 'chart-mitigation', 'chart-awareness']
 */
export function chartSpecs(rows: readonly RateRow[], awareness?: readonly RateRow[]): ChartSpec[] {
  const perModel = modelScenarioDots(rows);
  const mitigation = mitigationDots(rows);
  const aware = awareness ? awarenessDots(awareness) : [];
  return [
    {
      id: 'chart-model-rates',
      heading: 'Harm rate per model',
      caption:
        'Each dot is the share of valid trials judged harmful, pooled over all conditions of the scenario; the line is its 95% Wilson interval. Failed trials (errors) are excluded from the rate and counted beside it.',
      ...(perModel.length
        ? {
            spec: dotWhiskerSpec({
              data: perModel,
              title: 'Harm rate per model, by scenario',
              description: 'Harm rate per model with 95% Wilson intervals, one dot per scenario.',
              categoryTitle: 'model',
              seriesTitle: 'scenario',
            }),
          }
        : { unavailable: 'No valid trials in this run.' }),
    },
    {
      id: 'chart-heat-map',
      heading: 'Model × condition',
      caption:
        'Harm rate of every model in every condition (colour from 0% to 100%); "err" counts failed trials, excluded from the rate. Grey cells have no valid trials.',
      ...(hasModelAndCondition(rows)
        ? { spec: heatMapSpec(heatCells(rows)) }
        : {
            unavailable:
              'Not available: the heat map needs rows per model and condition (the default grouping).',
          }),
    },
    {
      id: 'chart-mitigation',
      heading: 'Mitigations: before and after',
      caption:
        'Harm rate without a mitigation and with it, per model, over matched conditions only (the same condition run both ways). Intervals are 95% Wilson; see the comparisons for differences and p-values.',
      ...(mitigation.length
        ? {
            spec: dotWhiskerSpec({
              data: mitigation,
              title: 'Harm rate without and with each mitigation',
              description:
                'Harm rate per model without and with each mitigation, with 95% Wilson intervals.',
              categoryTitle: 'model',
              seriesTitle: 'mitigation',
            }),
          }
        : {
            unavailable:
              'Not available: this run has no condition that was run both without and with a mitigation.',
          }),
    },
    {
      id: 'chart-awareness',
      heading: 'Believed evaluation vs believed real',
      caption:
        'Harm rate split by what the agent said about its situation (judged from its reasoning and replies): that it is being evaluated, or that it is real. Intervals are 95% Wilson.',
      ...(aware.length
        ? {
            spec: dotWhiskerSpec({
              data: aware,
              title: 'Harm rate by what the agent believed',
              description:
                'Harm rate per model split by stated belief: evaluation or real, with 95% Wilson intervals.',
              categoryTitle: 'model',
              seriesTitle: 'agent believed',
            }),
          }
        : {
            unavailable:
              'Not available: this report was made without an awareness grouping (rows with an evalAwareness field from a judge that reads the agent’s reasoning).',
          }),
    },
  ];
}
