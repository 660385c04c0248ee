/**
 * The HTML report's charts are drawn by the browser that opens the file, from the charts'
 * Vega-Lite specs embedded as JSON, with Vega and Vega-Lite inlined in the page: nothing is
 * fetched, and writing the report costs no Vega in Node (a second of CPU at the end of every
 * `turncoat run` when it drew SVG here).
 *
 * What comes from a run (model names, condition ids, labels) reaches the page only as JSON
 * inside `<script type="application/json">`, escaped so it cannot end that element, and
 * becomes chart text through Vega (SVG text nodes), never HTML. The page's Content Security
 * Policy lets only its own scripts run (by hash) and loads nothing.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { CHART_CONFIG } from './chart-theme.js';
import type { ChartSpec } from './chart-specs.js';
import { escapeHtml } from './escape.js';

/**
 * JSON for the inside of a `<script>` element: `<`, `>` and `&` (and the two line separators
 * old parsers stop at) are written as \u escapes, so no `</script>` or `<!--` can appear and
 * `JSON.parse` of the element's text gives the value back.
 * @example scriptJson({ model: '</script>' }) // '{"model":"\\u003c/script\\u003e"}'
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Draws every `.chart[data-spec]` of the page from its JSON spec; a failure says so in place. */
const DRAW_CHARTS = `(() => {
  const draw = async (holder) => {
    const spec = JSON.parse(document.getElementById(holder.dataset.spec).textContent);
    const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), {
      renderer: 'svg',
      container: holder,
      hover: false,
    });
    await view.runAsync();
    const svg = holder.querySelector('svg');
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', spec.description || 'chart');
  };
  for (const holder of document.querySelectorAll('.chart[data-spec]')) {
    draw(holder).catch((error) => {
      holder.textContent = 'This chart could not be drawn: ' + error.message;
    });
  }
})();`;

interface Runtime {
  /** Vega, Vega-Lite and the drawing script, each the text of one inline script. */
  scripts: string[];
  /** Their CSP hashes ('sha256-...'). */
  hashes: string[];
}

let runtime: Runtime | undefined;

/** Vega's and Vega-Lite's browser builds from node_modules (read once per process). */
function loadRuntime(): Runtime {
  if (runtime) return runtime;
  const require = createRequire(import.meta.url);
  // The packages export their module builds only; the browser builds sit beside them.
  const vega = join(dirname(require.resolve('vega')), 'vega.min.js');
  const vegaLite = join(dirname(require.resolve('vega-lite')), 'vega-lite.min.js');
  const scripts = [readFileSync(vega, 'utf8'), readFileSync(vegaLite, 'utf8'), DRAW_CHARTS];
  for (const [i, text] of scripts.entries()) {
    // Inline, a script ends at the first `</script`; none of these has one (checked, not assumed).
    if (/<\/script|<!--/i.test(text))
      throw new Error(`${[vega, vegaLite, 'the drawing script'][i]} cannot be inlined in a page`);
  }
  const hashes = scripts.map(
    (text) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`,
  );
  runtime = { scripts, hashes };
  return runtime;
}

/**
 * A chart's place in its figure: an empty holder the page's script draws into, the spec
 * (with the report's theme) as escaped JSON beside it, and a note for when scripts are off.
 */
export function chartHolder(chart: ChartSpec & { spec: NonNullable<ChartSpec['spec']> }): string {
  const specId = `${chart.id}-spec`;
  return `<div class="chart" data-spec="${escapeHtml(specId)}"></div><script type="application/json" id="${escapeHtml(specId)}">${scriptJson({ ...chart.spec, config: CHART_CONFIG })}</script><noscript><p class="unavailable">This chart is drawn by the script inside this file, and scripts are off; the tables below hold every number.</p></noscript>`;
}

/**
 * What a page with charts needs: the inline scripts that draw them (end of `<body>`), and the
 * Content Security Policy (`<head>`) that allows those scripts alone and no loads at all.
 * Vega compiles its expressions with `Function`, hence 'unsafe-eval'.
 */
export function chartRuntime(): { scripts: string; csp: string } {
  const { scripts, hashes } = loadRuntime();
  return {
    scripts: scripts.map((text) => `<script>${text}</script>`).join('\n'),
    csp: `default-src 'none'; script-src ${hashes.join(' ')} 'unsafe-eval'; style-src 'unsafe-inline'; img-src data:`,
  };
}

/** The policy of a page without charts: no script at all, nothing loaded. */
export const NO_SCRIPT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
