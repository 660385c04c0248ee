import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { CHART_CONFIG } from './chart-theme.js';
import { escapeHtml } from './escape.js';
import { estimateTextWidth } from './text-width.js';

interface TextItem {
  fontSize?: number;
  fontWeight?: string | number;
  limit?: number;
}

// Node has no canvas to measure text with: give Vega a per-character estimate instead of its
// flat 0.8 em guess (Vega calls a user-set textMetrics.width, as vl-convert does).
const { textMetrics } = vega as unknown as {
  textMetrics: { width: (item: TextItem, text?: string) => number };
};
textMetrics.width = (item: TextItem, text?: string) => {
  const line = text == null ? '' : String(text).trim();
  const weight = item.fontWeight;
  const bold =
    weight === 'bold' || (typeof weight === 'number' && weight >= 600) || Number(weight) >= 600;
  const width = estimateTextWidth(line, item.fontSize != null ? Number(item.fontSize) : 11, bold);
  return item.limit && item.limit > 0 ? Math.min(width, item.limit) : width;
};

/**
 * Renders a Vega-Lite spec to an SVG string in Node (no browser, no network): compile to
 * Vega, run a headless view with the 'none' renderer, serialise its scenegraph.
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const vegaSpec = compile(spec, { config: CHART_CONFIG as never }).spec;
  const view = new vega.View(vega.parse(vegaSpec), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    // Screen readers announce the chart by its description.
    const label = spec.description ?? (typeof spec.title === 'string' ? spec.title : 'chart');
    return svg.replace('<svg ', `<svg role="img" aria-label="${escapeHtml(label)}" `);
  } finally {
    view.finalize();
  }
}
