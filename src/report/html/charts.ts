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
import { renderSvg } from './render-svg.js';

export interface RenderedChart {
  id: string;
  heading: string;
  /** What the chart shows and how to read it. */
  caption: string;
  /** Inline SVG, or undefined when the data for it is not in this run. */
  svg?: string;
  /** Why the chart is absent, when it is. */
  unavailable?: string;
}

/** Renders every chart of the report to inline SVG, in the order they appear. */
export async function renderCharts(
  rows: readonly RateRow[],
  awareness?: readonly RateRow[],
): Promise<RenderedChart[]> {
  const charts: RenderedChart[] = [];
  const perModel = modelScenarioDots(rows);
  charts.push({
    id: 'chart-model-rates',
    heading: 'Harm rate per model',
    caption:
      'Each dot is the share of valid trials judged harmful, pooled over all conditions of the scenario; the line is its 95% Wilson interval. Failed trials (errors) are excluded from the rate and counted beside it.',
    ...(perModel.length
      ? {
          svg: await renderSvg(
            dotWhiskerSpec({
              data: perModel,
              title: 'Harm rate per model, by scenario',
              description: 'Harm rate per model with 95% Wilson intervals, one dot per scenario.',
              categoryTitle: 'model',
              seriesTitle: 'scenario',
            }),
          ),
        }
      : { unavailable: 'No valid trials in this run.' }),
  });
  charts.push({
    id: 'chart-heat-map',
    heading: 'Model × condition',
    caption:
      'Harm rate of every model in every condition (colour from 0% to 100%); "err" counts failed trials, excluded from the rate. Grey cells have no valid trials.',
    ...(hasModelAndCondition(rows)
      ? { svg: await renderSvg(heatMapSpec(heatCells(rows))) }
      : {
          unavailable:
            'Not available: the heat map needs rows per model and condition (the default grouping).',
        }),
  });
  const mitigation = mitigationDots(rows);
  charts.push({
    id: 'chart-mitigation',
    heading: 'Mitigations: before and after',
    caption:
      'Harm rate without a mitigation and with it, per model, over matched conditions only (the same condition run both ways). Intervals are 95% Wilson; see the comparisons for differences and p-values.',
    ...(mitigation.length
      ? {
          svg: await renderSvg(
            dotWhiskerSpec({
              data: mitigation,
              title: 'Harm rate without and with each mitigation',
              description:
                'Harm rate per model without and with each mitigation, with 95% Wilson intervals.',
              categoryTitle: 'model',
              seriesTitle: 'mitigation',
            }),
          ),
        }
      : {
          unavailable:
            'Not available: this run has no condition that was run both without and with a mitigation.',
        }),
  });
  const aware = awareness ? awarenessDots(awareness) : [];
  charts.push({
    id: 'chart-awareness',
    heading: 'Believed evaluation vs believed real',
    caption:
      'Harm rate split by what the agent said about its situation (judged from its reasoning and replies): that it is being evaluated, or that it is real. Intervals are 95% Wilson.',
    ...(aware.length
      ? {
          svg: await renderSvg(
            dotWhiskerSpec({
              data: aware,
              title: 'Harm rate by what the agent believed',
              description:
                'Harm rate per model split by stated belief: evaluation or real, with 95% Wilson intervals.',
              categoryTitle: 'model',
              seriesTitle: 'agent believed',
            }),
          ),
        }
      : {
          unavailable:
            'Not available: this report was made without an awareness grouping (rows with an evalAwareness field from a judge that reads the agent’s reasoning).',
        }),
  });
  return charts;
}
