import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { CHART_CONFIG } from './chart-theme.js';

/**
 * Renders a Vega-Lite spec to an SVG string in Node (no browser, no network): compile to
 * Vega, run a headless view with the 'none' renderer, serialise its scenegraph.
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const vegaSpec = compile(spec, { config: CHART_CONFIG as never }).spec;
  const view = new vega.View(vega.parse(vegaSpec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
