import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chartHolder, chartRuntime, scriptJson } from './browser-charts.js';
import { dotWhiskerSpec } from './dot-whisker-spec.js';

const HOSTILE = '</script><script>alert(1)</script><!-- & \u2028 <img src=x onerror=alert(2)>';

/** The text between `<script ...>` and the first `</script>`, as an HTML parser reads it. */
function scriptText(html: string, id: string): string {
  const open = html.indexOf(`<script type="application/json" id="${id}">`);
  const start = html.indexOf('>', open) + 1;
  return html.slice(start, html.indexOf('</script', start));
}

describe('scriptJson', () => {
  it('writes no character that could end the script element or open a comment', () => {
    const json = scriptJson({ model: HOSTILE });
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual({ model: HOSTILE });
  });
});

describe('chartHolder', () => {
  const spec = dotWhiskerSpec({
    data: [{ category: HOSTILE, series: 'blackmail', rate: 0.5, low: 0.2, high: 0.8, label: 'x' }],
    title: 'Harm rate per model, by scenario',
    description: 'Harm rate per model.',
    categoryTitle: 'model',
    seriesTitle: 'scenario',
  });
  const html = chartHolder({ id: 'chart-model-rates', heading: 'h', caption: 'c', spec });

  it('embeds the spec, with the theme, so that the page parses back exactly the run’s values', () => {
    const parsed = JSON.parse(scriptText(html, 'chart-model-rates-spec')) as {
      data: { values: Array<{ category: string }> };
      config: { font: string };
    };
    expect(parsed.data.values[0]!.category).toBe(HOSTILE);
    expect(parsed.config.font).toContain('system-ui');
  });

  it('lets no value of the run become markup', () => {
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img');
    expect(html).toContain('<div class="chart" data-spec="chart-model-rates-spec"></div>');
    expect(html).toContain('<noscript>');
  });
});

describe('chartRuntime', () => {
  it('inlines Vega, Vega-Lite and the drawing script, and allows exactly those by hash', () => {
    const { scripts, csp } = chartRuntime();
    const bodies = [...scripts.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(bodies).toHaveLength(3);
    expect(bodies[0]).toContain('vega');
    expect(bodies[1]).toContain('vegaLite');
    for (const body of bodies) {
      const hash = createHash('sha256').update(body).digest('base64');
      expect(csp).toContain(`'sha256-${hash}'`);
    }
    expect(csp).toMatch(/^default-src 'none'; /);
    expect(csp).not.toMatch(/https?:|'unsafe-inline' 'unsafe-eval'|script-src[^;]*'unsafe-inline'/);
  });
});
