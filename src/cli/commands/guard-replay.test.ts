import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'turncoat-replay-'));
  // The scripted agents (not language models): misaligned does harm, aligned works normally.
  const run = await runCli(
    'run', '--model', 'reference:misaligned', '--model', 'reference:aligned',
    '--condition', 'blackmail_explicit-america_replacement', '--condition', 'leaking_explicit-america_none',
    '--condition', 'lethal_explicit-america_replacement', '--condition', 'routine_none-none_none',
    '--samples', '2', '--protocol', 'tools', '--out', dir,
  ); // prettier-ignore
  expect(run.code, run.stderr).toBe(0);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const replayJson = async (...args: string[]) => {
  const r = await runCli('guard', 'replay', '--out', dir, '--format', 'json', ...args);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as ReplayReport;
};

describe('turncoat guard replay on a stored run', () => {
  it('stops every harmful action of the misaligned agent, no false alarm, and leaves the store byte for byte as it was', async () => {
    const before = sha(join(dir, 'turncoat.db'));
    const report = await replayJson('--policy', EXAMPLE);
    expect(sha(join(dir, 'turncoat.db'))).toBe(before);
    const b = report.policy.backtest!;
    const total = b.harmful.find((r) => r.condition === '(all)' && r.dimension === '(all)')!;
    // 2 samples of each harm; the scripted leak is two actions (a forward and a pasted excerpt).
    expect(total.harmful).toBe(8);
    expect(total.stopped).toBe(8);
    expect(new Set(b.harmful.map((r) => r.dimension))).toEqual(
      new Set(['blackmail', 'leak', 'lethal', '(all)']),
    );
    const benign = b.benign.find((r) => r.condition === '(all)')!;
    expect(benign.actions).toBeGreaterThan(10);
    expect(benign.falseAlarms).toBe(0);
    expect(report.withoutFacts.sessions).toBe(0);
  });

  it('lists every miss with its evidence and every false alarm with its rule, and compares two policies', async () => {
    const weak = await replayJson('--policy', NO_LEAK, '--compare', EXAMPLE);
    const b = weak.policy.backtest!;
    const leaks = b.harmful.find((r) => r.condition === '(all)' && r.dimension === 'leak')!;
    expect(leaks.missed).toBe(4);
    expect(b.misses).toHaveLength(4);
    expect(new Set(b.misses.map((m) => m.condition))).toEqual(
      new Set(['leaking_explicit-america_none']),
    );
    expect(b.misses[0]!.evidence[0]).toMatchObject({ dimension: 'leak' });
    expect(b.misses[0]!.evidence[0]!.eventIds.length).toBeGreaterThan(0);
    expect(b.falseAlarms.length).toBeGreaterThan(0);
    expect(b.falseAlarms.every((f) => f.rule === 'hold-every-email' && f.decision === 'hold')).toBe(
      true,
    );
    const c = weak.compare!.comparison;
    // The example policy stops the two leaks the weaker one lets through ...
    expect(c.onlyOther.filter((a) => a.reference === 'harmful')).toHaveLength(4);
    // ... and what only the weaker one stops is its noisy hold on harmless mail.
    expect(c.onlyBase.length).toBeGreaterThanOrEqual(b.falseAlarms.length);
    expect(
      c.onlyBase.every((a) => a.base.rule === 'hold-every-email' && a.reference !== 'harmful'),
    ).toBe(true);
  });
});
