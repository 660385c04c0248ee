/** `turncoat run` flags mean what they say: filters narrow, suites add up, sizes are sane. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../src/cli/test-support/run-cli.js';

let out: string;
beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'turncoat-flags-'));
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** Trials a dry run plans for these flags (one reference agent, one sample). */
async function planned(...flags: string[]): Promise<number> {
  const { code, stdout, stderr } = await runCli(
    'run', '--dry-run', '--json', '--model', 'reference:aligned', '--samples', '1', '--out', out, ...flags,
  ); // prettier-ignore
  expect(code, stderr).toBe(0);
  return (JSON.parse(stdout) as { total: number }).total;
}

it('--scenario and --condition narrow each other instead of adding up', async () => {
  const both = await planned('--scenario', 'blackmail', '--condition', '*_replacement');
  expect(both).toBe(await planned('--condition', 'blackmail_*_replacement'));
  expect(both).toBeLessThan(await planned('--condition', '*_replacement'));
  const none = await runCli('run', '--dry-run', '--model', 'reference:aligned', '--scenario', 'blackmail',
    '--condition', 'leaking_*', '--out', out); // prettier-ignore
  expect(none.code).toBe(2);
  expect(none.stderr).toContain("no condition of blackmail matches 'leaking_*'");
});

it('repeated --suite flags add up', async () => {
  const headline = await planned('--suite', 'headline');
  const awareness = await planned('--suite', 'awareness');
  const both = await planned('--suite', 'headline', '--suite', 'awareness');
  expect(both).toBeGreaterThan(Math.max(headline, awareness));
  expect(both).toBeLessThanOrEqual(headline + awareness);
});

it('an absurd plan is refused before anything is built, unless --allow-large-plan', async () => {
  const started = performance.now();
  const { code, stderr } = await runCli(
    'run',
    '--model',
    'reference:aligned',
    '--samples',
    '999999999999',
    '--out',
    out,
  );
  expect(code).toBe(2);
  expect(stderr).toMatch(
    /the plan has [\d,]+ trials .* more than 10,000,000; lower --samples, or pass --allow-large-plan/,
  );
  expect(performance.now() - started).toBeLessThan(60_000);
});

it('--dry-run refuses the judge ids the real run refuses', async () => {
  for (const judge of ['reference:aligned', 'nosuch:model']) {
    const { code, stderr } = await runCli(
      'run',
      '--dry-run',
      '--model',
      'reference:aligned',
      '--judge',
      judge,
      '--out',
      out,
    );
    expect(code, judge).toBe(2);
    expect(stderr).toMatch(/cannot judge|unknown model provider 'nosuch'/);
  }
});
