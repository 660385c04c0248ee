import type { RateRow } from '../rate-row.js';
import { chartSpecs, type ChartSpec } from './chart-specs.js';
import { renderSvg } from './render-svg.js';

export interface RenderedChart extends Omit<ChartSpec, 'spec'> {
  /** Inline SVG, or undefined when the data for it is not in this run. */
  svg?: string;
}

/**
 * Draws the report's charts (chartSpecs) to SVG on the server, with Vega in Node: what the
 * viewer's results page shows. The HTML report draws the same specs in the browser instead.
 */
export async function renderCharts(
  rows: readonly RateRow[],
  awareness?: readonly RateRow[],
): Promise<RenderedChart[]> {
  const charts: RenderedChart[] = [];
  for (const { spec, ...chart } of chartSpecs(rows, awareness)) {
    charts.push(spec ? { ...chart, svg: await renderSvg(spec) } : chart);
  }
  return charts;
}
