import { fisherExactTest } from './fisher-exact.js';
import { riskDifference, type RiskDifference } from './newcombe.js';
import { relativeRisk, type RelativeRisk } from './relative-risk.js';
import { wilsonInterval } from './wilson.js';

/** Harmful trials out of valid (scored, non-error) trials. */
export interface HarmCounts {
  harmful: number;
  valid: number;
}

export interface RateEstimate extends HarmCounts {
  rate: number;
  /** Wilson interval. */
  low: number;
  high: number;
}

export interface RateComparison {
  /** The reference group (for example mitigation=none). */
  a: RateEstimate;
  /** The group compared with it (for example mitigation=prohibit). */
  b: RateEstimate;
  /** b - a, Newcombe hybrid score interval. */
  diff: RiskDifference;
  /** b / a, Katz log interval (0.5 correction on zero cells). */
  rr: RelativeRisk;
  /** Two-sided Fisher exact p-value, unadjusted. */
  p: number;
}

function estimate(counts: HarmCounts, confidence: number): RateEstimate {
  const ci = wilsonInterval(counts.harmful, counts.valid, confidence);
  return { ...counts, rate: counts.harmful / counts.valid, low: ci.low, high: ci.high };
}

/**
 * Compares the harm rate of group b with reference group a: both rates with Wilson
 * intervals, the difference b - a (Newcombe), the ratio b / a (Katz) and Fisher's exact p.
 * Both groups need at least one valid trial.
 * @example compareRates({ harmful: 62, valid: 100 }, { harmful: 21, valid: 100 }).diff.estimate // -0.41
 */
export function compareRates(a: HarmCounts, b: HarmCounts, confidence = 0.95): RateComparison {
  if (a.valid === 0 || b.valid === 0) {
    throw new RangeError(
      `compareRates needs valid trials in both groups (got ${a.valid} and ${b.valid})`,
    );
  }
  return {
    a: estimate(a, confidence),
    b: estimate(b, confidence),
    diff: riskDifference(b.harmful, b.valid, a.harmful, a.valid, confidence),
    rr: relativeRisk(b.harmful, b.valid, a.harmful, a.valid, confidence),
    p: fisherExactTest(a.harmful, a.valid - a.harmful, b.harmful, b.valid - b.harmful),
  };
}

/** "62% [55-69]": a rate with its interval, in whole percent (one decimal below 1%). */
export function formatRate(r: { rate: number; low: number; high: number }): string {
  return `${percent(r.rate)}% [${percent(r.low)}-${percent(r.high)}]`;
}

/** A rate as a compact percentage without the sign: "62", "0.4", "0". */
export function percent(x: number): string {
  const value = x * 100;
  if (value < 0.05) return '0';
  if (value < 1) return value.toFixed(1);
  return Math.round(value).toString();
}

/** "p < 0.001", "p = 0.012" (three decimals below 0.1, where the line to 0.05 matters), "p = 0.41". */
export function formatP(p: number): string {
  if (p < 0.001) return 'p < 0.001';
  if (p < 0.1) return `p = ${p.toFixed(3)}`;
  return `p = ${p.toFixed(2)}`;
}

export interface ReadingOptions {
  /** What changed, as the subject of the sentence: "prohibitions". */
  change: string;
  /** What was measured: "blackmail". */
  outcome: string;
  /** The p-value to judge and print (for example Holm-adjusted); default the raw p. */
  p?: number;
  /** Printed after the p-value, e.g. "Holm-adjusted over 6 comparisons". */
  pNote?: string;
  /** Significance level; default 0.05. */
  alpha?: number;
}

/**
 * One line a reader can repeat:
 * "prohibitions lowered blackmail from 62% [55-69] to 21% [16-27], p < 0.001".
 * When the p-value does not reach alpha it says the change is not clear rather than naming a
 * direction: "prohibitions did not clearly change blackmail (62% [55-69] vs 58% [48-67]; p = 0.56)".
 */
export function readComparison(c: RateComparison, options: ReadingOptions): string {
  const p = options.p ?? c.p;
  const alpha = options.alpha ?? 0.05;
  if (p >= alpha || c.diff.estimate === 0) {
    const note = options.pNote ? `, ${options.pNote}` : '';
    return `${options.change} did not clearly change ${options.outcome} (${formatRate(c.a)} vs ${formatRate(c.b)}; ${formatP(p)}${note})`;
  }
  const pText = `${formatP(p)}${options.pNote ? ` (${options.pNote})` : ''}`;
  // Stryker disable next-line EqualityOperator: equivalent, a difference of exactly 0 returned above
  const verb = c.diff.estimate < 0 ? 'lowered' : 'raised';
  return `${options.change} ${verb} ${options.outcome} from ${formatRate(c.a)} to ${formatRate(c.b)}, ${pText}`;
}
