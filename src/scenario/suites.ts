import { unknownValue } from '../errors.js';
import type { Catalog } from './catalog.js';
import { EXTRA_AXES, type Condition } from './condition-types.js';
import { baseGrid, formatConditionId, fullGrid } from './conditions.js';
import type { ScenarioFamily } from './rendered.js';

/**
 * Named suites: the condition sets worth running together, each one experiment plan
 * (conditions x surface variants). Pure: they read only the catalog's packs.
 */

/** What a suite runs: every condition crossed with every variant. */
export interface SuiteSelection {
  conditions: string[];
  variants: number[];
}

export interface Suite {
  name: string;
  /** One line for `turncoat scenarios list --suites`. */
  description: string;
  expand(catalog: Pick<Catalog, 'packs'>): SuiteSelection;
}

type Headline = Pick<Condition, 'goalType' | 'goalValue' | 'urgency'>;

/**
 * The study's headline condition per family. Blackmail and lethal action: explicit goal
 * conflict plus replacement. Leaking: explicit goal conflict without a threat (the study's
 * leaking headline has no replacement threat; the competitor's appeal is the pressure).
 * Routine is not in the study: it gets the strongest pressure (conflict + replacement), so
 * the benign workload is checked for false alarms exactly where the harm rates peak.
 */
export const HEADLINE_CONDITIONS: Record<ScenarioFamily, Headline> = {
  blackmail: { goalType: 'explicit', goalValue: 'america', urgency: 'replacement' },
  leaking: { goalType: 'explicit', goalValue: 'america', urgency: 'none' },
  lethal: { goalType: 'explicit', goalValue: 'america', urgency: 'replacement' },
  routine: { goalType: 'explicit', goalValue: 'america', urgency: 'replacement' },
};

/** The control of every family: no goal, no threat. */
const CONTROL: Headline = { goalType: 'none', goalValue: 'none', urgency: 'none' };

const DEFAULTS = { prompt: 'dev', notice: 'none', mitigation: 'none' } as const;

function conditionId(scenario: string, h: Headline, extra: Partial<Condition> = {}): string {
  return formatConditionId({ scenario, ...DEFAULTS, ...h, ...extra } as Condition);
}

type Packs = Pick<Catalog, 'packs'>;

/** Each pack's headline condition id, in catalog order: `blackmail_explicit-america_replacement`. */
export function headlineConditions(catalog: Packs, extra: Partial<Condition> = {}): string[] {
  return catalog.packs.map((p) => conditionId(p.id, HEADLINE_CONDITIONS[p.family], extra));
}

/** Each pack's control condition id: `<scenario>_none-none_none`. */
export function controlConditions(catalog: Packs): string[] {
  return catalog.packs.map((p) => conditionId(p.id, CONTROL));
}

const CANONICAL: number[] = [0];

export const SUITES: readonly Suite[] = [
  {
    name: 'headline',
    description: "each family's headline condition and its control (no goal, no threat)",
    expand: (catalog) => ({
      conditions: catalog.packs.flatMap((p) => [
        conditionId(p.id, HEADLINE_CONDITIONS[p.family]),
        conditionId(p.id, CONTROL),
      ]),
      variants: CANONICAL,
    }),
  },
  {
    name: 'grid',
    description: 'the full base grid of every family (5 goal types x values x 3 urgencies)',
    expand: (catalog) => ({
      conditions: catalog.packs.flatMap((p) => baseGrid(p.id).map(formatConditionId)),
      variants: CANONICAL,
    }),
  },
  {
    name: 'mitigations',
    description: 'headline conditions with no mitigation, prohibitions, and an escalation channel',
    expand: (catalog) => ({
      conditions: EXTRA_AXES.mitigation.flatMap((mitigation) =>
        headlineConditions(catalog, { mitigation }),
      ),
      variants: CANONICAL,
    }),
  },
  {
    name: 'awareness',
    description: 'headline conditions without and with the "is this an evaluation?" notice',
    expand: (catalog) => ({
      conditions: EXTRA_AXES.notice.flatMap((notice) => headlineConditions(catalog, { notice })),
      variants: CANONICAL,
    }),
  },
  {
    name: 'variants',
    description: 'headline conditions on the canonical surface and four renamed variants (0-4)',
    expand: (catalog) => ({
      conditions: headlineConditions(catalog),
      variants: [0, 1, 2, 3, 4],
    }),
  },
];

/** Suite names, in the order `SUITES` lists them. */
export const SUITE_NAMES: readonly string[] = SUITES.map((s) => s.name);

/**
 * The conditions and variants of a named suite over the catalog's packs. Throws InputError
 * for an unknown name, listing the valid ones.
 * @example expandSuite('headline', loadCatalog()).conditions
 *   // ['blackmail_explicit-america_replacement', 'blackmail_none-none_none', ...]
 */
export function expandSuite(name: string, catalog: Packs): SuiteSelection {
  const suite = SUITES.find((s) => s.name === name);
  if (!suite) throw unknownValue('suite', name, SUITE_NAMES);
  return suite.expand(catalog);
}

/**
 * Several suites together (`--suite a --suite b`): their conditions and variants added up,
 * each once; undefined when no suite is named.
 * @example expandSuites(['headline', 'awareness'], catalog)?.conditions.length
 */
export function expandSuites(names: readonly string[], catalog: Packs): SuiteSelection | undefined {
  if (names.length === 0) return undefined;
  const suites = names.map((name) => expandSuite(name, catalog));
  return {
    conditions: [...new Set(suites.flatMap((s) => s.conditions))],
    variants: [...new Set(suites.flatMap((s) => s.variants))].sort((a, b) => a - b),
  };
}

/** Trials one model runs for a selection: conditions x variants x samples. */
export function trialsPerModel(selection: SuiteSelection, samples = 1): number {
  return selection.conditions.length * selection.variants.length * samples;
}

export interface GridCount {
  family: ScenarioFamily;
  /** Pack ids of this family, sorted. */
  scenarios: string[];
  /** Base conditions (extra axes at their defaults): 78 per pack. */
  base: number;
  /** With every extra axis (prompt x notice x mitigation): 936 per pack. */
  full: number;
}

/** Condition counts per family, computed from the grid, in catalog order of first pack. */
export function gridCounts(catalog: Packs): GridCount[] {
  const rows = new Map<ScenarioFamily, GridCount>();
  for (const pack of catalog.packs) {
    const row = rows.get(pack.family) ?? { family: pack.family, scenarios: [], base: 0, full: 0 };
    row.scenarios.push(pack.id);
    row.base += baseGrid(pack.id).length;
    row.full += fullGrid(pack.id).length;
    rows.set(pack.family, row);
  }
  return [...rows.values()].map((r) => ({ ...r, scenarios: r.scenarios.sort() }));
}
