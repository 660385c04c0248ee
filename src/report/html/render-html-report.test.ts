import { describe, expect, it } from 'vitest';
import { compareConditions } from '../comparisons.js';
import { syntheticAwarenessRows, syntheticRows, syntheticRun } from '../fixtures/synthetic-rows.js';
import type { RateRow } from '../rate-row.js';
import { renderHtmlReport } from './render-html-report.js';

const rows = syntheticRows();
const full = () =>
  renderHtmlReport({
    rows,
    comparisons: compareConditions(rows, { axis: 'mitigation', from: 'none', to: 'prohibit' }),
    run: syntheticRun(),
    awareness: syntheticAwarenessRows(),
    viewerUrl: 'http://127.0.0.1:4173/',
  });

/** The page without the code of its inline scripts (Vega's), tags and the charts' JSON kept. */
const markup = (html: string) => html.replace(/<script>[\s\S]*?<\/script>/g, '<script></script>');

/** Every URL an element would load by itself: src/href of script, link, img, iframe, and CSS url()/@import. */
function resourceLoads(page: string): string[] {
  const html = markup(page);
  const tags = [
    ...html.matchAll(/<(script|link|img|iframe|source|video|audio|embed|object)\b[^>]*>/gi),
  ].map((m) => m[0]);
  const attributes = tags.flatMap((t) =>
    [...t.matchAll(/\b(?:src|href|data|srcset)\s*=\s*["']?([^"'\s>]+)/gi)].map((m) => m[1]!),
  );
  const css = [...html.matchAll(/url\(\s*["']?([^"')]+)|@import\s+["']([^"']+)/gi)].map(
    (m) => m[1] ?? m[2]!,
  );
  return [...attributes, ...css];
}

describe('renderHtmlReport', () => {
  it('is one self-contained file: no script, stylesheet, image or font is fetched', async () => {
    const html = await full();
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(resourceLoads(html)).toEqual([]);
    expect(html).not.toMatch(/<script\b[^>]*\bsrc\b/i);
    expect(html).not.toMatch(/<link\b/i);
    // ...and the page's own policy forbids any load, should a script try one
    expect(html).toMatch(
      /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; /,
    );
  });

  it('embeds each of the four charts as a Vega-Lite spec that the inline scripts draw', async () => {
    const html = await full();
    for (const id of [
      'chart-model-rates',
      'chart-heat-map',
      'chart-mitigation',
      'chart-awareness',
    ]) {
      const start = html.indexOf(`<figure id="${id}"`);
      const figure = html.slice(start, html.indexOf('</figure>', start));
      expect(figure, id).toContain(`<div class="chart" data-spec="${id}-spec"></div>`);
      const json = /<script type="application\/json" id="[^"]+">([^<]*)<\/script>/.exec(figure);
      const spec = JSON.parse(json![1]!) as { $schema: string; data: { values: unknown[] } };
      expect(spec.$schema, id).toContain('vega-lite');
      expect(spec.data.values.length, id).toBeGreaterThan(0);
    }
    expect(html).toContain('new vega.View(vega.parse(vegaLite.compile(spec).spec)');
  });

  it('has no script at all when no chart has data', async () => {
    const html = await renderHtmlReport({ rows: [], run: syntheticRun() });
    expect(html).toContain('No valid trials in this run.');
    expect(html).not.toMatch(/<script\b/i);
    expect(html).toContain(
      `content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`,
    );
  });

  it('says plainly that reference agents are scripted, not language models', async () => {
    const html = await full();
    expect(html).toContain('Scripted reference agents, not language models');
    expect(html).toContain(
      'title="scripted reference agent, not a language model">scripted</span>',
    );
  });

  it('shows errors, rates with intervals, readings and provenance', async () => {
    const html = await full();
    expect(html).toMatch(/<th[^>]*>errors<\/th>/);
    expect(html).toContain('95% [88–98%]');
    expect(html).toContain(
      'prohibitions lowered blackmail from 95% [88-98] to 42% [33-52], p &lt; 0.001',
    );
    expect(html).toContain('run-2026-11-27-a1b2c3');
    expect(html).toContain('sha256:9f1c2e7a4b');
    expect(html).toContain('29 (2%)');
  });

  it('links rows into the viewer when given its URL', async () => {
    const html = await full();
    expect(html).toContain(
      'href="http://127.0.0.1:4173/?run=run-2026-11-27-a1b2c3&amp;model=reference%3Acoercer&amp;condition=blackmail_explicit-america_replacement"',
    );
  });

  it('says when the awareness split and comparisons are not available, and leaves out the banner for language models', async () => {
    const models: RateRow[] = rows.map((r) => ({
      ...r,
      model: r.model.replace('reference:', 'openai:'),
      modelKind: 'language-model',
    }));
    const html = await renderHtmlReport({ rows: models, run: syntheticRun() });
    expect(html).toContain('Not available: this report was made without an awareness grouping');
    expect(html).toContain('No comparisons were requested');
    expect(html).not.toContain('Scripted reference agents, not language models');
    expect(html).not.toContain('title="open these trials in the viewer"');
  });

  it('escapes what it prints', async () => {
    const odd = [
      {
        ...rows[0]!,
        model: 'openai-compatible:<b>x</b>@http://h',
        modelKind: 'language-model' as const,
      },
    ];
    const html = await renderHtmlReport({
      rows: odd,
      run: { ...syntheticRun(), id: '"><script>' },
    });
    expect(html).not.toContain('<b>x</b>');
    expect(html).not.toContain('"><script>');
    // in the charts' JSON too, where the name is data the browser reads back intact
    expect(html).toContain('openai-compatible:\\u003cb\\u003ex\\u003c/b\\u003e@http://h');
  });

  it('shows a cell where every trial failed as "no valid trials", not as 0%', async () => {
    const broken = rows.map((r, i) =>
      i === 5
        ? { ...r, valid: 0, harmful: 0, errors: r.trials, rate: null, ciLow: 0, ciHigh: 1 }
        : r,
    );
    const html = await renderHtmlReport({ rows: broken, run: syntheticRun() });
    expect(html).toContain('no valid trials');
    expect(html).toContain('no valid · 100 err');
  });

  it('renders rows grouped without model or condition, saying which charts need them', async () => {
    const byMitigation: RateRow[] = [
      {
        mitigation: 'none',
        trials: 10,
        valid: 9,
        harmful: 6,
        errors: 1,
        rate: 6 / 9,
        ciLow: 0.35,
        ciHigh: 0.88,
      },
      {
        mitigation: 'prohibit',
        trials: 10,
        valid: 10,
        harmful: 1,
        errors: 0,
        rate: 0.1,
        ciLow: 0.02,
        ciHigh: 0.4,
      },
    ] as unknown as RateRow[];
    const html = await renderHtmlReport({ rows: byMitigation, run: syntheticRun() });
    expect(html).toContain('the heat map needs rows per model and condition');
    expect(markup(html)).not.toContain('undefined');
    expect(html).toMatch(
      /<figure id="chart-mitigation"><h3>[^<]*<\/h3><div class="chart" data-spec=/,
    );
  });
});
