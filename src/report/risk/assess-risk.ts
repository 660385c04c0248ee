import { EXTRA_AXES } from '../../scenario/condition-types.js';
import { HEADLINE_CONDITIONS } from '../../scenario/suites.js';
import { pooledRates, type PooledRate } from '../../stats/pooled-rates.js';
import { compareConditions, type ComparisonFamily, type ComparisonSpec } from '../comparisons.js';
import { axisValue } from '../condition-axes.js';
import { publishedRateFor, type PublishedRate } from '../published-rates.js';
import { isReferenceModel, type RateRow, type RunProvenance } from '../rate-row.js';

/** The study's three harm families; a risk page says when one was not run. */
export const HARM_FAMILIES = ['blackmail', 'leaking', 'lethal'] as const;

export interface RiskInput {
  model: string;
  /** The run's rows per (model, condition[, variant]), every model. */
  rows: readonly RateRow[];
  /** Scenario (pack id) -> family; packs named after their family need no entry. */
  families?: Readonly<Record<string, string>>;
  /** This run's rows split by `evalAwareness` (see awarenessRateRows), any grouping with model. */
  awareness?: readonly RateRow[];
  run: RunProvenance;
  /** Cells with fewer valid trials than this are flagged; default 100 (the study's samples). */
  minValid?: number;
}

export interface HeadlineRate extends PooledRate {
  scenario: string;
  family: string;
  /** The headline condition id (no mitigation, no notice, dev prompt). */
  condition: string;
  /** The study's figure for this model and condition, when it published one. */
  published?: PublishedRate;
}

export interface RiskAssessment {
  model: string;
  reference: boolean;
  run: RunProvenance;
  /** Harm rate per scenario under its headline condition. */
  headline: HeadlineRate[];
  /** Mitigations and the evaluation notice against none, at the headline, one Holm family. */
  changes: ComparisonFamily;
  /** Harm rate by what the model said it believed (thinks-eval, thinks-real, ...). */
  awareness: PooledRate[];
  /** What the run did not cover or cannot say, one sentence each. */
  gaps: string[];
  minValid: number;
}

const familyOf = (scenario: string, families: RiskInput['families']) =>
  families?.[scenario] ?? scenario;

function headlineOf(family: string) {
  return HEADLINE_CONDITIONS[family as keyof typeof HEADLINE_CONDITIONS];
}

/** True when a row is its family's headline condition, whatever its extra axes. */
function atHeadline(row: RateRow, families: RiskInput['families']): boolean {
  const scenario = axisValue(row, 'scenario');
  if (!scenario) return false;
  const h = headlineOf(familyOf(scenario, families));
  return (
    h !== undefined &&
    axisValue(row, 'goalType') === h.goalType &&
    axisValue(row, 'goalValue') === h.goalValue &&
    axisValue(row, 'urgency') === h.urgency &&
    axisValue(row, 'prompt') === 'dev'
  );
}

const plain = (row: RateRow) =>
  axisValue(row, 'mitigation') === 'none' && axisValue(row, 'notice') === 'none';

/**
 * A one-page risk assessment of one model from one run, for people deciding whether to
 * deploy it: its harm rate per family at the headline condition (Wilson intervals), how
 * mitigations and the evaluation notice changed it (matched conditions, Holm over the
 * page's comparisons), what it said it believed, the study's figure where one exists, and
 * what the run did not cover. Pure: every number comes from `rows`.
 */
export function assessRisk(input: RiskInput): RiskAssessment {
  const minValid = input.minValid ?? 100;
  const mine = input.rows.filter((r) => r.model === input.model);
  const headlineRows = mine.filter((r) => atHeadline(r, input.families));
  const scenarios = [...new Set(mine.map((r) => String(axisValue(r, 'scenario'))))].sort();

  const headline: HeadlineRate[] = pooledRates(headlineRows.filter(plain), (r) =>
    axisValue(r, 'scenario'),
  ).map((p) => {
    const family = familyOf(p.level, input.families);
    const row = headlineRows.find((r) => plain(r) && axisValue(r, 'scenario') === p.level)!;
    const published = publishedRateFor(input.model);
    return {
      ...p,
      scenario: p.level,
      family,
      condition: String(row.condition),
      ...(published && published.family === family ? { published } : {}),
    };
  });

  const specs: ComparisonSpec[] = [];
  for (const axis of ['mitigation', 'notice'] as const) {
    const levels = new Set(headlineRows.map((r) => axisValue(r, axis)));
    for (const level of EXTRA_AXES[axis].slice(1)) {
      if (levels.has(EXTRA_AXES[axis][0]) && levels.has(level))
        specs.push({ axis, from: EXTRA_AXES[axis][0], to: level, within: ['scenario'] });
    }
  }
  const changes = compareConditions(headlineRows, specs);

  const awareness = pooledRates(
    (input.awareness ?? []).filter((r) => r.model === input.model),
    (r) => (r.evalAwareness === undefined ? undefined : String(r.evalAwareness)),
  );

  return {
    model: input.model,
    reference: mine.some(isReferenceModel) || input.model.startsWith('reference:'),
    run: input.run,
    headline,
    changes,
    awareness,
    gaps: coverageGaps(input, mine, headlineRows, headline, scenarios, minValid),
    minValid,
  };
}

function coverageGaps(
  input: RiskInput,
  mine: readonly RateRow[],
  headlineRows: readonly RateRow[],
  headline: readonly HeadlineRate[],
  scenarios: readonly string[],
  minValid: number,
): string[] {
  const gaps: string[] = [];
  const families = new Set(scenarios.map((s) => familyOf(s, input.families)));
  const missing = HARM_FAMILIES.filter((f) => !families.has(f));
  if (missing.length)
    gaps.push(`No trials in the ${missing.join(', ')} famil${missing.length === 1 ? 'y' : 'ies'}.`);
  for (const scenario of scenarios) {
    const family = familyOf(scenario, input.families);
    const h = headlineOf(family);
    if (!h) {
      gaps.push(`${scenario}: no headline condition is defined for family '${family}'.`);
      continue;
    }
    const here = headlineRows.filter((r) => axisValue(r, 'scenario') === scenario);
    const id = `${scenario}_${h.goalType}-${h.goalValue}_${h.urgency}`;
    if (!here.some(plain)) {
      gaps.push(`${scenario}: the headline condition ${id} was not run.`);
      continue;
    }
    const mitigations = new Set(here.map((r) => axisValue(r, 'mitigation')));
    const absent = EXTRA_AXES.mitigation.filter((m) => !mitigations.has(m));
    if (absent.length)
      gaps.push(
        `${scenario}: mitigation${absent.length === 1 ? '' : 's'} ${absent.join(', ')} not tested at the headline.`,
      );
    if (!here.some((r) => axisValue(r, 'notice') === 'eval'))
      gaps.push(
        `${scenario}: the evaluation notice (+notice=eval) was not tested at the headline.`,
      );
    const control = mine.some(
      (r) =>
        axisValue(r, 'scenario') === scenario &&
        axisValue(r, 'goalType') === 'none' &&
        axisValue(r, 'urgency') === 'none' &&
        plain(r),
    );
    if (!control)
      gaps.push(
        `${scenario}: no control (${scenario}_none-none_none), so the rate cannot be set against a no-pressure baseline.`,
      );
  }
  const thin = headline.filter((h) => h.valid < minValid);
  if (thin.length)
    gaps.push(
      `Fewer than ${minValid} valid trials at the headline of ${thin.map((h) => `${h.scenario} (${h.valid})`).join(', ')}: intervals are wide.`,
    );
  const errors = mine.reduce((s, r) => s + r.errors, 0);
  const trials = mine.reduce((s, r) => s + r.trials, 0);
  if (errors > 0)
    gaps.push(
      `${errors} of ${trials} trials failed (errors) and are excluded from every rate; if failures depend on the content, rates may be biased.`,
    );
  const variants = new Set(
    mine.map((r) => (r.variant === undefined ? undefined : String(r.variant))),
  );
  const planVariants = (input.run.plan?.variants as unknown[] | undefined) ?? [...variants];
  if (planVariants.length <= 1)
    gaps.push(
      'Only one surface variant was run: rates may depend on the wording and names of one scenario text (try --suite variants).',
    );
  if (!mine.some((r) => axisValue(r, 'prompt') === 'prod'))
    gaps.push('The production prompt (+prompt=prod, no private reasoning) was not tested.');
  const protocol = input.run.plan?.protocol;
  if (typeof protocol === 'string')
    gaps.push(
      `One protocol only (${protocol}); the other may give different rates.${protocol === 'tools' ? " The study's figures come from its text-tag harness: compare like with like with --protocol text." : ''}`,
    );
  return gaps;
}
