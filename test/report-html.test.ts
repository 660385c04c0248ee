/**
 * End to end: a small scripted reference-agent run, the HTML report written by the CLI, and
 * the file opened in headless Chromium. Every chart must be drawn at a visible size, with no
 * console errors and no network requests. Skipped (with a message) without Chromium, failed in CI (see scripts/chromium-path.mjs).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchChromium,
  browserSuiteRuns,
  chartsDrawn,
  watchPageProblems,
} from '../src/report/html/test-support/chromium.js';
import { runCli } from '../src/cli/test-support/run-cli.js';

describe.runIf(browserSuiteRuns('the end-to-end HTML report check'))(
  'turncoat report --format html in headless Chromium',
  () => {
    let out = '';
    let browser: import('playwright-core').Browser;

    beforeAll(async () => {
      out = mkdtempSync(join(tmpdir(), 'turncoat-report-html-'));
      const conditions = [
        'blackmail_explicit-america_replacement',
        'lethal_explicit-america_replacement',
      ]
        .flatMap((c) => [c, `${c}+mitigation=prohibit`, `${c}+notice=eval`])
        .concat('blackmail_none-none_none')
        .flatMap((c) => ['--condition', c]);
      const run = await runCli(
        'run',
        ...conditions,
        '--model',
        'reference:misaligned',
        '--model',
        'reference:random@0.3',
        '--model',
        'reference:aligned',
        '--samples',
        '5',
        '--out',
        out,
      );
      expect(run.code).toBe(0);
      browser = await launchChromium();
    });

    afterAll(async () => {
      await browser?.close();
      if (out) rmSync(out, { recursive: true, force: true });
    });

    it('draws every chart at a visible size, with no console errors and no network requests', async () => {
      const report = await runCli('report', '--out', out, '--format', 'html');
      expect(report.code).toBe(0);
      const file = report.stdout.trim();
      expect(file).toBe(join(out, 'report.html'));

      const page = await browser.newPage({ viewport: { width: 1320, height: 900 } });
      const problems = watchPageProblems(page);
      await page.goto(`file://${file}`);
      await chartsDrawn(page);
      const charts = await page.$$eval('figure', (figures) =>
        figures.map((f) => {
          const box = f.querySelector('svg')?.getBoundingClientRect();
          return { id: f.id, width: box?.width ?? 0, height: box?.height ?? 0 };
        }),
      );
      expect(charts.map((c) => c.id)).toEqual([
        'chart-model-rates',
        'chart-heat-map',
        'chart-mitigation',
        'chart-awareness',
      ]);
      for (const chart of charts) {
        expect(chart.width, chart.id).toBeGreaterThan(100);
        expect(chart.height, chart.id).toBeGreaterThan(50);
      }
      const text = await page.textContent('body');
      expect(text).toContain('Scripted reference agents, not language models');
      expect(text).toContain('prohibitions');
      expect(problems).toEqual([]);
      await page.close();
    });

    it('draws the risk assessment page with its chart, offline and without errors', async () => {
      const risk = await runCli(
        'report',
        '--out',
        out,
        '--risk',
        'reference:random@0.3',
        '--format',
        'html',
      );
      expect(risk.code).toBe(0);
      const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      const problems = watchPageProblems(page);
      await page.goto(`file://${risk.stdout.trim()}`);
      const box = await page.locator('#chart-risk svg').boundingBox();
      expect(box?.width ?? 0).toBeGreaterThan(100);
      expect(box?.height ?? 0).toBeGreaterThan(50);
      expect(await page.textContent('#gaps')).toContain('No trials in the leaking family.');
      expect(problems).toEqual([]);
      await page.close();
    });
  },
);
