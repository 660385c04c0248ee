/**
 * Headless Chromium for the HTML report's browser checks: whether a suite runs (the same
 * check `.ci/run` uses, scripts/chromium-path.mjs), how Chromium is launched (offline, no
 * sandbox), and what counts as a problem on a page.
 */
import type { Browser, Page } from 'playwright-core';
import { findChromium, isCi, missingChromiumMessage } from '../../../../scripts/chromium-path.mjs';

/** The Chromium executable the browser suites launch, or `undefined` when there is none. */
export const CHROMIUM = findChromium();

/**
 * Whether a browser suite runs: yes when Chromium is there. Without it the suite is skipped
 * with a warning on a developer's machine, but in CI (`CI` set) this throws, so the suite
 * fails instead of letting CI pass without having run it.
 * @example describe.runIf(browserSuiteRuns('the HTML report check'))('...', () => {})
 */
export function browserSuiteRuns(
  check: string,
  env: Record<string, string | undefined> = process.env,
  chromium: string | undefined = findChromium(env),
): boolean {
  if (chromium) return true;
  const why = `${check}: ${missingChromiumMessage(env)}`;
  if (isCi(env)) throw new Error(`${why}. CI must run the browser suites, so this fails.`);
  console.warn(`skipping ${why}`);
  return false;
}

/** Launches headless Chromium with networking, updates and sync turned off. */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM ?? missing(),
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

/** Waits until the page's script has drawn every chart of an HTML report into its holder. */
export async function chartsDrawn(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      document.querySelectorAll('.chart[data-spec]').length ===
      document.querySelectorAll('.chart[data-spec] > svg').length,
  );
}

function missing(): never {
  throw new Error(missingChromiumMessage());
}
