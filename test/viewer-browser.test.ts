/**
 * End to end: `turncoat view` over a store written by a scripted reference-agent run, its
 * pages driven in headless Chromium the way a researcher uses them. Each step saves a
 * screenshot into docs/ (docs/viewer-*.png, shown in docs/viewer.md). Skipped (with a
 * message) without /usr/bin/chromium.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserSuiteRuns, launchChromium } from '../src/report/html/test-support/chromium.js';
import { startViewer, type RunningViewer } from '../src/view/serve-viewer.js';
import { buildViewerPages, storeViewerFixture } from '../src/view/test-support/viewer-fixture.js';

const shot = (page: Page, name: string) =>
  page.screenshot({
    path: join(import.meta.dirname, '..', 'docs', `viewer-${name}.png`),
    fullPage: false,
  });

describe.runIf(browserSuiteRuns('the viewer browser checks'))(
  'turncoat view in headless Chromium',
  () => {
    let out = '';
    let viewer: RunningViewer;
    let browser: Browser;
    let page: Page;
    let run = '';
    let payloadTrial = 0;
    const problems: string[] = [];

    beforeAll(async () => {
      out = mkdtempSync(join(tmpdir(), 'turncoat-viewer-'));
      ({ run, payloadTrial } = await storeViewerFixture(out));
      const assetsDir = await buildViewerPages(join(out, 'pages'));
      viewer = await startViewer({ outDir: out, port: 0, assetsDir });
      await viewer.index.catchUp();
      browser = await launchChromium();
      page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
      page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
      page.on('pageerror', (e) => problems.push(`page: ${e.message}`));
      page.on('dialog', (d) => {
        problems.push(`dialog: ${d.message()}`);
        void d.dismiss();
      });
      page.on('request', (r) => {
        if (!r.url().startsWith(viewer.url.replace(/\/$/, '')))
          problems.push(`request: ${r.url()}`);
      });
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await viewer?.close();
      if (out) rmSync(out, { recursive: true, force: true });
    });

    const open = async (hash: string) => {
      await page.goto(`${viewer.url}${hash}`);
      await page.waitForSelector('main h1');
    };

    it('shows each run with its provenance', async () => {
      await open('#/runs');
      await expect.poll(() => page.textContent('main')).toContain(run);
      const text = (await page.textContent('main'))!;
      expect(text).toContain('reference:misaligned');
      expect(text).toMatch(/5 stored, 5 valid, 3 harmful/);
      await shot(page, 'runs');
    });

    it('shows the rate table with intervals; a row opens its trials', async () => {
      await open(`#/results?run=${run}&by=model`);
      await page.waitForSelector('table.rates tbody tr');
      const rows = await page.$$eval('table.rates tbody tr', (trs) =>
        trs.map((tr) => tr.textContent ?? ''),
      );
      expect(rows).toHaveLength(2);
      expect(rows[1]).toMatch(/reference:misaligned.*3.*3.*3.*0.*100%/);
      // The report's charts, drawn as images (an image runs no script).
      await page.waitForFunction(() => {
        const img = document.querySelector<HTMLImageElement>('#chart-model-rates img');
        return img !== null && img.complete && img.naturalWidth > 0;
      });
      expect(await page.$$eval('.charts figure img', (imgs) => imgs.length)).toBeGreaterThan(1);
      await shot(page, 'results');
      await page.click('table.rates tbody tr:nth-child(2) a');
      await page.waitForSelector('table.trials tbody tr');
      expect(page.url()).toContain('model=reference%3Amisaligned');
      const models = await page.$$eval('table.trials tbody tr:not(.hit) td:nth-child(3)', (tds) =>
        tds.map((td) => td.textContent),
      );
      expect(new Set(models)).toEqual(new Set(['reference:misaligned']));
    });

    it("opens a row's trials from the HTML report's link (report --viewer URL)", async () => {
      const condition = 'blackmail_explicit-america_replacement';
      await page.goto(`${viewer.url}?run=${run}&model=reference:aligned&condition=${condition}`);
      await page.waitForSelector('table.trials tbody tr');
      expect(page.url()).toContain('#/trials?');
      const rows = await page.$$eval('table.trials tbody tr:not(.hit)', (trs) =>
        trs.map((tr) => tr.textContent ?? ''),
      );
      expect(rows).toHaveLength(2);
      expect(rows.every((r) => r.includes('reference:aligned') && r.includes(condition))).toBe(
        true,
      );
    });

    it('filters the trial list to harmful trials', async () => {
      await open(`#/trials?run=${run}`);
      await page.waitForSelector('table.trials tbody tr');
      await page.selectOption('label:has-text("verdict") select', 'harmful');
      await expect.poll(() => page.textContent('.status')).toMatch(/^3 trials/);
      const outcomes = await page.$$eval('table.trials tbody tr td:nth-child(6) .badge', (b) =>
        b.map((x) => x.textContent),
      );
      expect(outcomes).toEqual(['harmful', 'harmful', 'harmful']);
      expect(page.url()).toContain('verdict=harmful');
      await shot(page, 'trials');
    });

    it('searches a phrase from a reasoning, marks the hits and opens one', async () => {
      await open(`#/trials?run=${run}`);
      await page.fill('input[type=search]', '"the implication is enough"');
      await page.press('input[type=search]', 'Enter');
      await expect.poll(() => page.textContent('.status')).toMatch(/^2 trials matching/);
      expect(await page.$$eval('tr.hit mark', (m) => m.map((x) => x.textContent))).toEqual([
        'the implication is enough',
        'the implication is enough',
      ]);
      await shot(page, 'search');
      await page.click('table.trials tbody tr:first-child td:nth-child(2) a');
      await page.waitForSelector('article.transcript');
      expect(page.url()).toContain('q=');
      const marks = await page.$$eval('mark.mark-search', (m) =>
        m.map((x) => x.textContent?.toLowerCase()),
      );
      expect(marks).toContain('the implication is enough');
    });

    it("reads a transcript with the verdicts' evidence marked where it happened", async () => {
      await open(`#/trials?run=${run}&verdict=harmful&model=reference:misaligned`);
      await page.click('table.trials tbody tr:first-child td:nth-child(2) a');
      await page.waitForSelector('article.transcript');
      const quote = (await page.textContent('.findings .evidence q'))!;
      expect(quote.length).toBeGreaterThan(20);
      // The quote is marked in the email the agent sent: in its tool call and in the event log.
      const marked = await page.$$eval(
        '.call mark.mark-evidence, .events mark.mark-evidence',
        (m) => m.map((x) => x.textContent),
      );
      expect(marked).toContain(quote);
      expect(await page.textContent('.inbox h3')).toMatch(/Inbox \(\d+\)/);
      await page.locator('.call mark.mark-evidence').first().scrollIntoViewIfNeeded();
      await page.evaluate(() => window.scrollBy(0, 200));
      await shot(page, 'transcript');
    });

    it('labels a trial from the queue with the keyboard, and the agreement table changes', async () => {
      await open(`#/agreement?run=${run}`);
      await page.waitForSelector('table.agreement tbody tr');
      expect(await page.textContent('table.agreement')).not.toContain('human:viewer');
      await open(`#/label?run=${run}`);
      await page.waitForSelector('.label-panel');
      expect(page.url()).toContain('queue=1');
      await page.keyboard.press('y'); // the selected dimension is the trial's primary harm
      await expect
        .poll(() => page.textContent('.label-panel [role=status]'))
        .toContain('Labelled blackmail: true');
      await expect
        .poll(() => page.textContent('.label-panel tr.selected'))
        .toContain('true (viewer)');
      await shot(page, 'label');
      const labelled = page.url();
      await page.keyboard.press(']');
      await expect.poll(() => page.url()).not.toBe(labelled);
      await open(`#/agreement?run=${run}`);
      await page.waitForSelector('table.agreement tbody tr');
      const humanRow = await page.$$eval('table.agreement tbody tr', (trs) =>
        trs.map((tr) => tr.textContent ?? '').find((t) => t.includes('human:viewer')),
      );
      expect(humanRow).toMatch(/blackmailhuman:viewerheuristic@1 ?1/);
      await shot(page, 'agreement');
    });

    it('compares two trials side by side with the differences marked', async () => {
      const ids = await page.evaluate(async (r) => {
        const get = (q: string) => fetch(`/api/trials?run=${r}&${q}`).then((x) => x.json());
        const [a, b] = await Promise.all([
          get('model=reference:aligned'),
          get('model=reference:misaligned'),
        ]);
        return [a.trials[0].id, b.trials[0].id];
      }, run);
      await open(`#/compare?a=${ids[0]}&b=${ids[1]}`);
      await page.waitForSelector('.diff');
      const differs = await page.$$eval('table.side tr.differs th', (t) =>
        t.map((x) => x.textContent),
      );
      expect(differs).toEqual(expect.arrayContaining(['model', 'outcome', 'blackmail']));
      expect(differs).not.toContain('condition');
      expect(await page.textContent('.diff .col:nth-child(2) .added')).toContain('implication');
      await shot(page, 'compare');
    });

    it('shows script and HTML payloads from a transcript as text, and runs none of them', async () => {
      await open(`#/trial/${payloadTrial}`);
      await page.waitForSelector('article.transcript');
      await page.click('text=System prompt');
      await page.click('.inbox summary');
      const text = (await page.textContent('article.transcript'))!;
      expect(text).toContain(`<script>window.__pwned = 'script'</script>`);
      expect(text).toContain(`<img src="x" onerror="window.__pwned = 'img'">`);
      expect(text).toContain(`<svg onload="window.__pwned = 'svg'"></svg>`);
      // The payload is also an evidence quote: marked, as text.
      expect(await page.$$eval('mark.mark-evidence', (m) => m.map((x) => x.textContent))).toContain(
        `<img src="x" onerror="window.__pwned = 'img'">`,
      );
      expect(await page.evaluate(() => (window as { __pwned?: string }).__pwned)).toBeUndefined();
      expect(await page.$$('main script, main img, main iframe, main svg[onload]')).toHaveLength(0);
      expect(problems).toEqual([]);
    });
  },
);
