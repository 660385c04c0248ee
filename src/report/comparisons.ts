import { InputError } from '../errors.js';
import { compareRates, readComparison, type RateComparison } from '../stats/compare-rates.js';
import { holmAdjust } from '../stats/holm.js';
import { CONDITION_AXES, axisValue } from './condition-axes.js';
import { COUNT_FIELDS, type RateRow } from './rate-row.js';

/** Compare level `from` (the reference) with level `to` of one axis, separately within each stratum. */
export interface ComparisonSpec {
  axis: string;
  from: string;
  to: string;
  /** Axes that define the strata; default model and scenario. */
  within?: string[];
  /** Subject of the one-line reading, e.g. "prohibitions"; a default is derived from axis and level. */
  label?: string;
}

export interface ComparisonResult {
  spec: ComparisonSpec;
  /** The stratum's axis values, e.g. { model: 'openai:gpt-4.1', scenario: 'blackmail' }. */
  stratum: Record<string, string>;
  /** Matched (from, to) cell pairs pooled in this stratum. */
  cells: number;
  /** Trials that failed on either side; excluded from both rates. */
  errors: number;
  /** Failed trials on each side: `from` (the reference level) and `to`. */
  errorsBySide: { from: number; to: number };
  comparison: RateComparison;
  /** Holm-adjusted over the whole family. */
  pHolm: number;
  reading: string;
}

export interface ComparisonFamily {
  /** What the family of tests is, for the report: its size and what was compared. */
  description: string;
  size: number;
  alpha: number;
  results: ComparisonResult[];
  /** Strata that could not be compared, and why (no matched cells, no valid trials). */
  skipped: Array<{ spec: ComparisonSpec; stratum: Record<string, string>; reason: string }>;
}

const DEFAULT_LABELS: Record<string, string> = {
  'mitigation=prohibit': 'prohibitions',
  'mitigation=escalation': 'an escalation channel',
  'notice=eval': 'an evaluation notice',
  'prompt=prod': 'the production prompt',
  'urgency=none': 'removing the threat',
  'goalType=none': 'removing the goal conflict',
};

const OUTCOME_NOUNS: Record<string, string> = {
  blackmail: 'blackmail',
  leaking: 'leaking',
  lethal: 'lethal action',
};

/** What a scenario's harm is called in a sentence: "blackmail", "lethal action", "harm in routine". */
export function outcomeNoun(scenario: string | undefined): string {
  if (!scenario || scenario === '(none)') return 'harm';
  return OUTCOME_NOUNS[scenario] ?? `harm in ${scenario}`;
}

/** The words a reading starts with, e.g. "prohibitions" for mitigation none -> prohibit. */
export function comparisonLabel(spec: ComparisonSpec): string {
  return (
    spec.label ??
    DEFAULT_LABELS[`${spec.axis}=${spec.to}`] ??
    `${spec.axis}=${spec.to} (vs ${spec.from})`
  );
}

/**
 * Reads "mitigation=none:prohibit" into a spec (reference level first). `within` is a
 * comma-separated list of axes, default "model,scenario".
 * @example parseComparisonSpec('mitigation=none:prohibit') // { axis: 'mitigation', from: 'none', to: 'prohibit', within: ['model', 'scenario'] }
 */
export function parseComparisonSpec(text: string, within = 'model,scenario'): ComparisonSpec {
  const match = /^([A-Za-z][\w-]*)=([^:]+):([^:]+)$/.exec(text.trim());
  if (!match) {
    throw new InputError(
      `comparison '${text}' is not in the form axis=from:to; valid example: mitigation=none:prohibit`,
    );
  }
  const strata = within
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return { axis: match[1]!, from: match[2]!, to: match[3]!, within: strata };
}

const KEY_AXES = ['model', ...CONDITION_AXES, 'variant'];
/** Rate-row fields that are not matching axes: the counts, the kind, and the condition (matched by its axes). */
const NOT_KEY_FIELDS = new Set<string>(['condition', 'modelKind', ...COUNT_FIELDS]);

/** Every axis that identifies a cell apart from the compared one: model, condition axes, grouping fields. */
function matchKey(row: RateRow, comparedAxis: string): string {
  const extra = Object.keys(row).filter((k) => !NOT_KEY_FIELDS.has(k));
  const axes = [...new Set([...KEY_AXES, ...extra])].filter((a) => a !== comparedAxis).sort();
  return JSON.stringify(axes.map((a) => [a, axisValue(row, a) ?? null]));
}

interface Pair {
  spec: ComparisonSpec;
  stratum: Record<string, string>;
  from: RateRow[];
  to: RateRow[];
}

function pairsFor(rows: readonly RateRow[], spec: ComparisonSpec): Pair[] {
  const levels = new Set(
    rows.map((r) => axisValue(r, spec.axis)).filter((v): v is string => v !== undefined),
  );
  for (const level of [spec.from, spec.to]) {
    if (!levels.has(level)) {
      const valid = [...levels].join(', ') || '(none: no row has this axis)';
      throw new InputError(
        `comparison level ${spec.axis}=${level} is not in these results; valid: ${valid}`,
      );
    }
  }
  const within = spec.within ?? ['model', 'scenario'];
  const strata = new Map<
    string,
    { stratum: Record<string, string>; cells: Map<string, { from?: RateRow; to?: RateRow }> }
  >();
  for (const row of rows) {
    const level = axisValue(row, spec.axis);
    if (level !== spec.from && level !== spec.to) continue;
    const stratum = Object.fromEntries(within.map((a) => [a, axisValue(row, a) ?? '(none)']));
    const stratumKey = JSON.stringify(stratum);
    const entry = strata.get(stratumKey) ?? { stratum, cells: new Map() };
    const key = matchKey(row, spec.axis);
    const cell = entry.cells.get(key) ?? {};
    if (level === spec.from) cell.from = row;
    else cell.to = row;
    entry.cells.set(key, cell);
    strata.set(stratumKey, entry);
  }
  return [...strata.values()].map(({ stratum, cells }) => {
    const matched = [...cells.values()].filter((c) => c.from && c.to);
    return { spec, stratum, from: matched.map((c) => c.from!), to: matched.map((c) => c.to!) };
  });
}

const sum = (rows: RateRow[], field: 'harmful' | 'valid' | 'errors') =>
  rows.reduce((s, r) => s + r[field], 0);

function stratumText(stratum: Record<string, string>): string {
  return Object.values(stratum).join(', ');
}

/**
 * Compares two levels of an axis within each stratum (default model x scenario), pooling
 * matched cells only: a cell counts when the same model and the same other axes were run at
 * both levels. Each comparison gives both rates (Wilson), the difference (Newcombe), the
 * ratio (Katz) and Fisher's exact p; the p-values are Holm-adjusted over every comparison in
 * the call, which is the family, and each reading uses the adjusted p.
 */
export function compareConditions(
  rows: readonly RateRow[],
  specs: ComparisonSpec | readonly ComparisonSpec[],
  options: { alpha?: number; confidence?: number } = {},
): ComparisonFamily {
  const alpha = options.alpha ?? 0.05;
  const list = Array.isArray(specs)
    ? (specs as readonly ComparisonSpec[])
    : [specs as ComparisonSpec];
  const skipped: ComparisonFamily['skipped'] = [];
  const computed: Array<Omit<ComparisonResult, 'pHolm' | 'reading'>> = [];
  for (const spec of list) {
    for (const pair of pairsFor(rows, spec)) {
      const a = { harmful: sum(pair.from, 'harmful'), valid: sum(pair.from, 'valid') };
      const b = { harmful: sum(pair.to, 'harmful'), valid: sum(pair.to, 'valid') };
      if (pair.from.length === 0) {
        skipped.push({
          spec,
          stratum: pair.stratum,
          reason: `no condition was run at both ${spec.axis}=${spec.from} and ${spec.axis}=${spec.to}`,
        });
      } else if (a.valid === 0 || b.valid === 0) {
        skipped.push({
          spec,
          stratum: pair.stratum,
          reason: 'no valid trials on one side (every trial failed)',
        });
      } else {
        const errorsBySide = { from: sum(pair.from, 'errors'), to: sum(pair.to, 'errors') };
        computed.push({
          spec,
          stratum: pair.stratum,
          cells: pair.from.length,
          errors: errorsBySide.from + errorsBySide.to,
          errorsBySide,
          comparison: compareRates(a, b, options.confidence),
        });
      }
    }
  }
  const adjusted = holmAdjust(computed.map((c) => c.comparison.p));
  const size = computed.length;
  const pNote = size > 1 ? `Holm-adjusted over ${size} comparisons` : undefined;
  const results = computed.map((c, i) => {
    const outcome = outcomeNoun(c.stratum.scenario);
    const line = readComparison(c.comparison, {
      change: comparisonLabel(c.spec),
      outcome,
      p: adjusted[i]!,
      pNote,
      alpha,
    });
    return { ...c, pHolm: adjusted[i]!, reading: `${stratumText(c.stratum)}: ${line}` };
  });
  const what = list
    .map(
      (s) =>
        `${s.axis} ${s.from} vs ${s.to} within ${(s.within ?? ['model', 'scenario']).join(' x ')}`,
    )
    .join('; ');
  const description =
    size === 0
      ? `no comparisons could be made (${what})`
      : `${size} comparison${size === 1 ? '' : 's'} (${what}), Fisher exact p-values Holm-adjusted over all ${size}, alpha ${alpha}`;
  return { description, size, alpha, results, skipped };
}
