/**
 * A guarded run's own transcripts replayed with the same policy reproduce the decisions the
 * guard took live, call by call, in both protocols and with either approver, so backtests and
 * live runs can be trusted to agree. Replayed with another policy, the disagreement is shown
 * and the command exits 1.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReplayReport } from '../../guard/replay/replay.js';
import { runCli } from '../test-support/run-cli.js';

const EXAMPLE = fileURLToPath(new URL('../../../policies/example.yaml', import.meta.url));
const NO_LEAK = fileURLToPath(
  new URL('../../guard/replay/fixtures/no-leak-rule.yaml', import.meta.url),
);

const runs = [
  { protocol: 'tools', approver: 'deny' },
  { protocol: 'text', approver: 'allow' },
] as const;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'turncoat-replay-live-'));
  for (const { protocol, approver } of runs) {
    const r = await runCli(
      'run', '--model', 'reference:misaligned', '--model', 'reference:discloser', '--model', 'reference:aligned',
      '--suite', 'headline', '--samples', '1', '--protocol', protocol,
      '--guard', EXAMPLE, '--approver', approver, '--out', join(dir, protocol),
    ); // prettier-ignore
    expect(r.code, r.stderr).toBe(0);
  }
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('replaying a guarded run', () => {
  it.each(runs)(
    'reproduces every live decision with the same policy ($protocol protocol, approver $approver)',
    async ({ protocol }) => {
      const r = await runCli(
        'guard',
        'replay',
        '--policy',
        EXAMPLE,
        '--out',
        join(dir, protocol),
        '--format',
        'json',
      );
      expect(r.code, r.stderr).toBe(0);
      const report = JSON.parse(r.stdout) as ReplayReport;
      expect(report.live.calls).toBeGreaterThan(20);
      expect(report.live.decisions).toMatchObject({
        deny: expect.any(Number),
        hold: expect.any(Number),
      });
      expect(report.live.mismatches).toEqual([]);
    },
  );

  it('shows where another policy would have decided otherwise, and exits 1', async () => {
    const r = await runCli('guard', 'replay', '--policy', NO_LEAK, '--out', join(dir, 'tools'));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/the replay reproduces \d+ of them/);
    expect(r.stdout).toMatch(/forward_email: live deny, replay allow/);
  });
});
