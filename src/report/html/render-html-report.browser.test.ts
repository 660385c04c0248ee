import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, browserSuiteRuns, watchPageProblems } from './test-support/chromium.js';
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
      const sizes = await page.$$eval('figure svg', (svgs) =>
        svgs.map((svg) => {
          const box = svg.getBoundingClientRect();
          return { id: svg.closest('figure')?.id, width: box.width, height: box.height };
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
      }
      expect(problems).toEqual([]);
      await page.close();
    });
  },
);
