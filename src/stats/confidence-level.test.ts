/**
 * Every interval honours the confidence level it is asked for: a 99% interval is the 99% one
 * (wider), a 90% one the 90% one (narrower), not the default 95% whatever the argument.
 * Reference values: scipy 1.17 (norm.ppf, beta.ppf) with the same formulas.
 */
import { describe, expect, it } from 'vitest';
import { clopperPearsonInterval } from './clopper-pearson.js';
import { compareRates } from './compare-rates.js';
import { riskDifference } from './newcombe.js';
import { pooledRates } from './pooled-rates.js';
import { samplesToDetect } from './samples-to-detect.js';
import { relativeRisk } from './relative-risk.js';
import { wilsonInterval } from './wilson.js';

const near = (actual: { low: number; high: number }, low: number, high: number) => {
  expect(actual.low).toBeCloseTo(low, 4);
  expect(actual.high).toBeCloseTo(high, 4);
};

describe('confidence argument', () => {
  it('wilsonInterval: 8 of 10 at 90%, 95% and 99%', () => {
    near(wilsonInterval(8, 10, 0.9), 0.540793, 0.931442);
    near(wilsonInterval(8, 10), 0.490162, 0.943318);
    near(wilsonInterval(8, 10, 0.99), 0.400819, 0.959869);
  });

  it('clopperPearsonInterval: 8 of 10 at 90%, 95% and 99%', () => {
    near(clopperPearsonInterval(8, 10, 0.9), 0.493099, 0.963229);
    near(clopperPearsonInterval(8, 10), 0.443905, 0.974789);
    near(clopperPearsonInterval(8, 10, 0.99), 0.351799, 0.989149);
  });

  it('clopperPearsonInterval at the edges: 0 of n and n of n use alpha / 2', () => {
    // Closed forms: high = 1 - (alpha/2)^(1/n) with no events, low = (alpha/2)^(1/n) with all.
    near(clopperPearsonInterval(0, 10, 0.9), 0, 1 - 0.05 ** 0.1);
    near(clopperPearsonInterval(10, 10, 0.99), 0.005 ** 0.1, 1);
  });

  it('riskDifference: 56/70 vs 48/80 at 90% and 99%', () => {
    near(riskDifference(56, 70, 48, 80, 0.9), 0.076564, 0.313645);
    near(riskDifference(56, 70, 48, 80, 0.99), 0.005371, 0.371808);
  });

  it('relativeRisk: 15/150 vs 100/250 at 90% and 99%', () => {
    near(relativeRisk(15, 150, 100, 250, 0.9), 0.16384, 0.38147);
    near(relativeRisk(15, 150, 100, 250, 0.99), 0.128988, 0.484542);
  });

  it('compareRates passes its level to every interval it reports', () => {
    const c = compareRates({ harmful: 48, valid: 80 }, { harmful: 56, valid: 70 }, 0.99);
    near(c.b, wilsonInterval(56, 70, 0.99).low, wilsonInterval(56, 70, 0.99).high);
    near(c.a, wilsonInterval(48, 80, 0.99).low, wilsonInterval(48, 80, 0.99).high);
    near(c.diff, 0.005371, 0.371808);
    near(c.rr, relativeRisk(56, 70, 48, 80, 0.99).low, relativeRisk(56, 70, 48, 80, 0.99).high);
  });

  it('pooledRates gives each level the interval at the level asked for', () => {
    const rows = [
      { level: 'none', trials: 6, valid: 5, harmful: 4, errors: 1 },
      { level: 'none', trials: 5, valid: 5, harmful: 4, errors: 0 },
    ];
    const [at99] = pooledRates(rows, (r) => r.level, 0.99);
    near({ low: at99!.ciLow, high: at99!.ciHigh }, 0.400819, 0.959869);
  });

  it('samplesToDetect honours its power and alpha (Fleiss, continuity-corrected)', () => {
    const plan = (power?: number, alpha?: number) =>
      samplesToDetect({ baseline: 0.1, detect: 0.2, power, alpha });
    expect(plan()).toMatchObject({ perCondition: 72, withoutCorrection: 62 });
    expect(plan(0.9)).toMatchObject({ perCondition: 92, withoutCorrection: 82, power: 0.9 });
    expect(plan(0.8, 0.01)).toMatchObject({
      perCondition: 102,
      withoutCorrection: 92,
      alpha: 0.01,
    });
    expect(samplesToDetect({ baseline: 0.05, detect: 0.1, power: 0.95, alpha: 0.1 })).toMatchObject(
      {
        perCondition: 212,
        withoutCorrection: 193,
      },
    );
    expect(() => plan(0.8, 0)).toThrow('alpha must be between 0 and 1 (got 0)');
    expect(() => plan(0, 0.05)).toThrow('power must be between 0 and 1 (got 0)');
    expect(() => samplesToDetect({ baseline: 0.5, detect: 0 })).toThrow(/detect must be above 0/);
    expect(() => samplesToDetect({ baseline: 1, detect: 0.1 })).toThrow(
      'baseline must be between 0 and 1 (got 1)',
    );
  });

  it('refuses a confidence level outside (0, 1), naming it', () => {
    for (const bad of [0, 1, 95, -0.5, Number.NaN]) {
      expect(() => wilsonInterval(8, 10, bad)).toThrow(RangeError);
      expect(() => clopperPearsonInterval(8, 10, bad)).toThrow(RangeError);
    }
    expect(() => wilsonInterval(8, 10, 95)).toThrow(/95/);
    expect(() => clopperPearsonInterval(8, 10, 1)).toThrow(/got 1/);
  });
});
