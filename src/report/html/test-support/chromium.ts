/**
 * Headless Chromium for the HTML report's browser checks: where it lives, how it is
 * launched (offline, no sandbox), and what counts as a problem on a page.
 */
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

/** Says why `check` is skipped when Chromium is not installed; silent otherwise. */
export function warnIfNoChromium(check: string): void {
  if (!hasChromium)
    console.warn(`skipping ${check}: ${CHROMIUM} not found (apt-get install chromium)`);
}

/** Launches headless Chromium with networking, updates and sync turned off. */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Collects what a self-contained report page must not do: console errors, uncaught page
 * errors, and requests for anything but `file:` URLs. The returned list fills as the page runs.
 */
export function watchPageProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page: ${error.message}`));
  page.on('request', (request) => {
    if (!request.url().startsWith('file:')) problems.push(`request: ${request.url()}`);
  });
  return problems;
}
