/**
 * The one check of Chromium that `.ci/run` and the browser suites share: without Chromium it
 * says so and exits non-zero, and a browser suite run in CI fails instead of skipping.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { browserSuiteRuns } from '../src/report/html/test-support/chromium.js';

const SCRIPT = join(import.meta.dirname, '..', 'scripts', 'chromium-path.mjs');
const empty = mkdtempSync(join(tmpdir(), 'turncoat-no-chromium-'));
const withFake = mkdtempSync(join(tmpdir(), 'turncoat-fake-chromium-'));
const fake = join(withFake, 'chromium');
writeFileSync(fake, '#!/bin/sh\nexit 0\n');
chmodSync(fake, 0o755);
afterAll(() => {
  rmSync(empty, { recursive: true, force: true });
  rmSync(withFake, { recursive: true, force: true });
});

/** Runs the check as `.ci/run` does, with exactly the environment given. */
function check(env: Record<string, string>) {
  const result = spawnSync(process.execPath, [SCRIPT], { env, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout.trim(), stderr: result.stderr };
}

describe('scripts/chromium-path.mjs', () => {
  it('exits 1 and says what to install when no chromium is on PATH', () => {
    const result = check({ CI: 'true', PATH: empty });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('no chromium or chromium-browser on PATH');
    expect(result.stderr).toContain('apt-get install chromium');
  });

  it('exits 1 when TURNCOAT_CHROMIUM points nowhere, even with chromium on PATH', () => {
    const result = check({ CI: 'true', PATH: withFake, TURNCOAT_CHROMIUM: join(empty, 'gone') });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`TURNCOAT_CHROMIUM=${join(empty, 'gone')}`);
  });

  it('does not take a file that cannot be executed for a browser', () => {
    const plain = join(empty, 'chromium');
    writeFileSync(plain, 'not a program');
    try {
      expect(check({ PATH: empty }).status).toBe(1);
    } finally {
      rmSync(plain);
    }
  });

  it('prints the path and exits 0 when chromium is on PATH or named', () => {
    expect(check({ PATH: `${empty}:${withFake}` })).toMatchObject({ status: 0, stdout: fake });
    expect(check({ PATH: empty, TURNCOAT_CHROMIUM: fake })).toMatchObject({
      status: 0,
      stdout: fake,
    });
  });
});

describe('browserSuiteRuns', () => {
  const missing = { PATH: empty };

  it('fails a browser suite in CI when Chromium is missing, naming the suite', () => {
    expect(() => browserSuiteRuns('the report check', { ...missing, CI: 'true' })).toThrow(
      /the report check: Chromium not found.*CI must run the browser suites/,
    );
    expect(() => browserSuiteRuns('the report check', { ...missing, CI: '1' })).toThrow();
  });

  it('skips (false) with a warning outside CI, including CI=false', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(browserSuiteRuns('the report check', missing)).toBe(false);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^skipping the report check: /));
    warn.mockRestore();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(browserSuiteRuns('the report check', { ...missing, CI: 'false' })).toBe(false);
    expect(browserSuiteRuns('the report check', { ...missing, CI: '' })).toBe(false);
    vi.restoreAllMocks();
  });

  it('runs (true) when Chromium is found, in CI or not', () => {
    expect(browserSuiteRuns('the report check', { PATH: withFake, CI: 'true' })).toBe(true);
    expect(browserSuiteRuns('the report check', { TURNCOAT_CHROMIUM: fake })).toBe(true);
  });
});
