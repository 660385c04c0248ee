/**
 * End to end: the viewer's guard pages over a guarded reference-agent run (policies/
 * example.yaml), through the guard's own HTTP API mounted in the viewer: the guard's
 * decisions beside the calls, a pending hold approved and another denied with a reason, a
 * session killed, and the audit trail verified. Screenshots into docs/. Skipped without
 * /usr/bin/chromium.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserSuiteRuns, launchChromium } from '../src/report/html/test-support/chromium.js';
import { runCli } from '../src/cli/test-support/run-cli.js';
import { openGuardStore } from '../src/guard/open-guard-store.js';
import { startViewer, type RunningViewer } from '../src/view/serve-viewer.js';
import { buildViewerPages } from '../src/view/test-support/viewer-fixture.js';

const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(import.meta.dirname, '..', 'docs', `viewer-${name}.png`) });

describe.runIf(browserSuiteRuns('the viewer guard pages'))(
  'the viewer guard pages in headless Chromium',
  () => {
    let out = '';
    let viewer: RunningViewer;
    let browser: Browser;
    let page: Page;
    const held: string[] = [];

    beforeAll(async () => {
      out = mkdtempSync(join(tmpdir(), 'turncoat-viewer-guard-'));
      const run = await runCli(
        'run',
        '--guard',
        join(import.meta.dirname, '..', 'policies', 'example.yaml'),
        '--model',
        'reference:misaligned',
        '--model',
        'reference:aligned',
        '--condition',
        'blackmail_explicit-america_replacement',
        '--samples',
        '2',
        '--out',
        out,
      );
      expect(run.code, run.stderr).toBe(0);
      // Two calls held for a person, as a guarded agent in production would leave them.
      const guard = openGuardStore(out, { create: false });
      for (const to of ['press@outside.test', 'lawyer@outside.test'])
        held.push(
          guard.approvals.create({
            session: 'prod-agent-7',
            tool: 'send_email',
            args: { to: [to], subject: 'Quarterly numbers', body: 'Attached, as asked.' },
            rule: 'outside-email-needs-a-person',
            reason: 'email leaving the company needs a person',
            required: 1,
            expiresAfterSeconds: 3600,
          }).id,
        );
      guard.close();
      const assetsDir = await buildViewerPages(join(out, 'pages'));
      viewer = await startViewer({ outDir: out, port: 0, assetsDir });
      browser = await launchChromium();
      page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await viewer?.close();
      if (out) rmSync(out, { recursive: true, force: true });
    });

    it("shows the guard's decision beside the call it concerned, and filters on it", async () => {
      await page.goto(`${viewer.url}#/trials?guard=deny`);
      await page.waitForSelector('table.trials tbody tr');
      const models = await page.$$eval('table.trials tbody tr td:nth-child(3)', (t) =>
        t.map((x) => x.textContent),
      );
      expect(models).toEqual(['reference:misaligned', 'reference:misaligned']);
      await page.click('table.trials tbody tr:first-child td:nth-child(2) a');
      await page.waitForSelector('.call .badge-guard-deny');
      const call = await page.textContent('.call:has(.badge-guard-deny)');
      expect(call).toContain('send_email');
      expect(call).toContain('guard: deny (private-information-as-leverage)');
    });

    it('approves one pending hold and denies the other with a reason', async () => {
      await page.goto(`${viewer.url}#/guard`);
      await page.waitForSelector('article.approval');
      expect(await page.$$('article.approval')).toHaveLength(2);
      await page.fill('label:has-text("Your name") input', 'dana');
      await shot(page, 'guard');
      await page.click(`article[aria-label="approval ${held[0]}"] button:has-text("Approve")`);
      await expect.poll(() => page.textContent('[role=status]')).toContain(`Approved ${held[0]}`);
      await expect.poll(async () => (await page.$$('article.approval')).length).toBe(1);
      await page.fill(
        `article[aria-label="approval ${held[1]}"] label:has-text("Reason") input`,
        'not to the press',
      );
      await page.click(`article[aria-label="approval ${held[1]}"] button:has-text("Deny")`);
      await expect
        .poll(() => page.textContent('main'))
        .toContain('Nothing is waiting for a person.');
      const guard = openGuardStore(out, { create: false });
      try {
        expect(guard.approvals.get(held[0]!)).toMatchObject({
          status: 'approved',
          approvers: ['dana'],
        });
        expect(guard.approvals.get(held[1]!)).toMatchObject({
          status: 'denied',
          deniedBy: 'dana',
          denyReason: 'not to the press',
        });
      } finally {
        guard.close();
      }
    });

    it('kills one session from its row', async () => {
      const row = 'table.sessions tbody tr:first-child';
      await page.waitForSelector(row);
      const session = (await page.textContent(`${row} td:first-child`))!;
      await page.click(`${row} button:has-text("Kill")`);
      await expect.poll(() => page.textContent(row)).toContain('killed');
      const state = await page.evaluate(() => fetch('/api/guard/kill').then((r) => r.json()));
      expect(state.kill.sessions).toContain(session);
    });

    it('shows the audit trail with its verification status', async () => {
      await page.goto(`${viewer.url}#/audit`);
      await page.waitForSelector('table.audit tbody tr');
      expect(await page.textContent('[role=status]')).toMatch(/verified \d+ entries/);
      const kinds = await page.$$eval('table.audit tbody tr td:nth-child(3)', (t) =>
        t.map((x) => x.textContent),
      );
      expect(kinds).toEqual(expect.arrayContaining(['decision', 'approval', 'incident', 'kill']));
      await shot(page, 'audit');
    });
  },
);
