import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticRows, syntheticRun } from '../fixtures/synthetic-rows.js';
import {
  browserSuiteRuns,
  chartsDrawn,
  launchChromium,
  watchPageProblems,
} from './test-support/chromium.js';
import { renderHtmlReport } from './render-html-report.js';
import { renderSampleReport } from './render-sample.js';

describe.runIf(browserSuiteRuns('the browser check of the HTML report'))(
  'HTML report in headless Chromium',
  () => {
    let dir = '';
    let browser: import('playwright-core').Browser;

    beforeAll(async () => {
      browser = await launchChromium();
      dir = await mkdtemp(join(tmpdir(), 'turncoat-report-'));
    });

    afterAll(async () => {
      await browser?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('renders every chart at a visible size, with no console errors and no network requests', async () => {
      const file = join(dir, 'report.html');
      await writeFile(file, await renderSampleReport());
      const page = await browser.newPage({ viewport: { width: 1320, height: 900 } });
      const problems = watchPageProblems(page);
      await page.goto(`file://${file}`);
      await chartsDrawn(page);
      const sizes = await page.$$eval('figure svg', (svgs) =>
        svgs.map((svg) => {
          const box = svg.getBoundingClientRect();
          return {
            id: svg.closest('figure')?.id,
            width: box.width,
            height: box.height,
            label: svg.getAttribute('role') === 'img' ? svg.getAttribute('aria-label') : null,
          };
        }),
      );
      expect(sizes.map((s) => s.id)).toEqual([
        'chart-model-rates',
        'chart-heat-map',
        'chart-mitigation',
        'chart-awareness',
      ]);
      for (const size of sizes) {
        expect(size.width, size.id).toBeGreaterThan(100);
        expect(size.height, size.id).toBeGreaterThan(50);
        expect(size.label, size.id).toMatch(/^(Harm rate|Heat map)/);
      }
      expect(await page.textContent('#chart-heat-map svg')).toContain('95% · 3 err');
      expect(problems).toEqual([]);
      await page.close();
    });

    it('shows a hostile model name as chart text: no script of it runs, no element of it is made', async () => {
      const hostile =
        'openai-compatible:</script><img src=x onerror=alert(1)><script>alert(2)</script>@http://h';
      const rows = syntheticRows().map((r) =>
        r.model === 'reference:coercer'
          ? { ...r, model: hostile, modelKind: 'language-model' as const }
          : r,
      );
      const file = join(dir, 'hostile.html');
      await writeFile(file, await renderHtmlReport({ rows, run: syntheticRun() }));
      const page = await browser.newPage({ viewport: { width: 1320, height: 900 } });
      const problems = watchPageProblems(page);
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await page.goto(`file://${file}`);
      await chartsDrawn(page);
      expect(await page.textContent('#chart-model-rates svg')).toContain(
        '<img src=x onerror=alert(1)>',
      );
      expect(await page.locator('img').count()).toBe(0);
      expect(dialogs).toEqual([]);
      expect(problems).toEqual([]);
      await page.close();
    });
  },
);
