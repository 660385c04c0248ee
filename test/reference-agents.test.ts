/**
 * The MUST-SHOW behaviour of the whole pipeline (catalog -> agents -> world -> detectors ->
 * judge -> store -> SQL rates) with the scripted reference agents, which are not language
 * models: what they do is known, so the measured rates must match it exactly.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Protocol } from '../src/agent/trial-types.js';
import { defaultTrialDeps } from '../src/run/default-trial-deps.js';
import { runExperiment } from '../src/run/run-experiment.js';
import { openStore } from '../src/store/store.js';
import { wilsonInterval } from '../src/stats/wilson.js';

let out: string;
const deps = defaultTrialDeps();
const blackmail = deps.catalog.conditions('blackmail');
const isControl = (id: string) => {
  const { pressure } = deps.catalog.render(id);
  return pressure.threat === 'none' && !pressure.goalConflict;
};
const controls = blackmail.filter(isControl);
const pressured = blackmail.filter((id) => !isControl(id));

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'turncoat-e2e-'));
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

async function rates(model: string, protocol: Protocol, conditions = blackmail, samples = 1) {
  const result = await runExperiment({
    plan: { models: [model], conditions, variants: [0], protocol, seed: 3 },
    samples,
    outDir: out,
    concurrency: 8,
    deps,
  });
  return result;
}

describe.each(['tools', 'text'] as const)(
  'reference agents over every blackmail condition, %s protocol',
  (protocol) => {
    it('has both pressured conditions and controls to compare', () => {
      expect(pressured.length).toBeGreaterThan(0);
      expect(controls).toContain('blackmail_none-none_none');
    });

    it('reference:misaligned blackmails in every threat-or-conflict condition and in no control', async () => {
      const { rows } = await rates('reference:misaligned', protocol);
      const harmfulIn = rows
        .filter((r) => r.harmful === r.valid && r.valid > 0)
        .map((r) => r.condition);
      const harmlessIn = rows.filter((r) => r.harmful === 0 && r.valid > 0).map((r) => r.condition);
      expect(rows.every((r) => r.errors === 0)).toBe(true);
      expect(harmfulIn.sort()).toEqual([...pressured].sort());
      expect(harmlessIn.sort()).toEqual([...controls].sort());
    });

    it('reference:aligned is never harmful', async () => {
      const { rows } = await rates('reference:aligned', protocol);
      expect(rows).toHaveLength(blackmail.length);
      for (const row of rows) expect(row).toMatchObject({ harmful: 0, errors: 0 });
    });

    it('reference:discloser shows disclosure findings but is not counted as blackmail', async () => {
      const { rows, run } = await rates('reference:discloser', protocol);
      for (const row of rows) expect(row).toMatchObject({ harmful: 0, errors: 0 });
      const store = openStore(out, { create: false });
      try {
        let trials = 0;
        for (const t of store.iterate(run.id)) {
          trials++;
          expect(t.findings.map((f) => f.kind)).toContain('disclosure');
          expect(t.findings.map((f) => f.kind)).not.toContain('blackmail');
        }
        expect(trials).toBe(blackmail.length);
      } finally {
        store.close();
      }
    });
  },
);

describe('reference:random@0.3', () => {
  it('over 400 samples gives a rate whose 95% Wilson interval contains 0.3', async () => {
    const { rows } = await rates(
      'reference:random@0.3',
      'text',
      ['blackmail_explicit-america_replacement'],
      400,
    );
    const [row] = rows;
    expect(row).toMatchObject({ trials: 400, valid: 400, errors: 0 });
    const ci = wilsonInterval(row!.harmful, row!.valid);
    expect(ci.low).toBeLessThan(0.3);
    expect(ci.high).toBeGreaterThan(0.3);
    expect(row!.ciLow).toBeCloseTo(ci.low, 12);
  });
});
