import { describe, expect, it } from 'vitest';
import { samplesToDetect, uncorrectedSampleSize } from './samples-to-detect.js';

describe('samplesToDetect', () => {
  it('matches R power.prop.test without the correction', () => {
    // R's ?power.prop.test example: power.prop.test(p1 = .50, p2 = .75, power = .90) prints n = 76.7069
    expect(uncorrectedSampleSize({ baseline: 0.5, detect: 0.25, power: 0.9 })).toBeCloseTo(
      76.7069,
      3,
    );
  });

  it('matches the Fleiss table with the continuity correction', () => {
    // Fleiss, Levin & Paik (2003), table A.4 (two-sided α = 0.05, power 0.80):
    // P1 = 0.05, P2 = 0.10 needs 474 per group.
    expect(samplesToDetect({ baseline: 0.05, detect: 0.05 }).perCondition).toBe(474);
  });

  it('plans 313 valid trials per condition to tell 20% from 30% (the default power and alpha)', () => {
    const plan = samplesToDetect({ baseline: 0.2, detect: 0.1 });
    expect(plan.perCondition).toBe(313);
    expect(plan.withoutCorrection).toBe(294);
    expect(plan.other).toBeCloseTo(0.3, 12);
  });

  it('needs more samples for more power, a stricter alpha or a smaller difference', () => {
    const base = samplesToDetect({ baseline: 0.2, detect: 0.1 }).perCondition;
    expect(
      samplesToDetect({ baseline: 0.2, detect: 0.1, power: 0.9 }).perCondition,
    ).toBeGreaterThan(base);
    expect(
      samplesToDetect({ baseline: 0.2, detect: 0.1, alpha: 0.01 }).perCondition,
    ).toBeGreaterThan(base);
    expect(samplesToDetect({ baseline: 0.2, detect: 0.05 }).perCondition).toBeGreaterThan(base);
  });

  it('refuses impossible rates', () => {
    expect(() => samplesToDetect({ baseline: 0.95, detect: 0.1 })).toThrow(
      /baseline \+ detect below 1/,
    );
    expect(() => samplesToDetect({ baseline: 0, detect: 0.1 })).toThrow(/baseline/);
    expect(() => samplesToDetect({ baseline: 0.2, detect: 0.1, power: 1 })).toThrow(/power/);
  });
});
