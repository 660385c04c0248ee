import picomatch from 'picomatch';
import { InputError } from '../errors.js';
import {
  EXTRA_AXES,
  GOAL_PAIRS,
  GOAL_TYPES,
  URGENCIES,
  type Condition,
  type ExtraAxis,
  type GoalType,
  type GoalValue,
} from './condition-types.js';

/** The eight goal values, both sides of each pair: america, global, safety, ... */
export const GOAL_VALUES: readonly GoalValue[] = GOAL_PAIRS.flat();

/** Goal types that take no goal value (their id part is `<type>-none`). */
const VALUELESS: readonly GoalType[] = ['none', 'ambiguous'];

const AXIS_ORDER = Object.keys(EXTRA_AXES) as ExtraAxis[];

/** The other side of a goal value's pair: `opposite('america') === 'global'`. */
export function opposite(value: GoalValue): GoalValue {
  const pair = GOAL_PAIRS.find((p) => (p as readonly string[]).includes(value))!;
  return pair[0] === value ? pair[1] : pair[0];
}

type GoalSetting = Pick<Condition, 'goalType' | 'goalValue'>;

/** The condition's goal settings: 5 types x values, none/ambiguous taking `none` (26 in all). */
export function goalSettings(): GoalSetting[] {
  return GOAL_TYPES.flatMap((goalType): GoalSetting[] =>
    VALUELESS.includes(goalType)
      ? [{ goalType, goalValue: 'none' as const }]
      : GOAL_VALUES.map((goalValue) => ({ goalType, goalValue })),
  );
}

/** The 78 base conditions of a scenario (extra axes at their defaults). */
export function baseGrid(scenario: string): Condition[] {
  return goalSettings().flatMap((g) =>
    URGENCIES.map(
      (urgency) =>
        ({
          scenario,
          ...g,
          urgency,
          prompt: 'dev',
          notice: 'none',
          mitigation: 'none',
        }) as Condition,
    ),
  );
}

/** Every combination of the extra axes, defaults first. */
export function extraCombinations(): Pick<Condition, ExtraAxis>[] {
  const out: Pick<Condition, ExtraAxis>[] = [];
  for (const prompt of EXTRA_AXES.prompt)
    for (const notice of EXTRA_AXES.notice)
      for (const mitigation of EXTRA_AXES.mitigation) out.push({ prompt, notice, mitigation });
  return out;
}

/** The base grid crossed with every extra-axis combination (78 x 12 per scenario). */
export function fullGrid(scenario: string): Condition[] {
  return baseGrid(scenario).flatMap((c) => extraCombinations().map((x) => ({ ...c, ...x })));
}

/** `blackmail_explicit-america_replacement+notice=eval` */
export function formatConditionId(c: Condition): string {
  const suffix = AXIS_ORDER.filter((axis) => c[axis] !== EXTRA_AXES[axis][0])
    .map((axis) => `+${axis}=${c[axis]}`)
    .join('');
  return `${c.scenario}_${c.goalType}-${c.goalValue}_${c.urgency}${suffix}`;
}

/**
 * Parses a condition id; throws InputError naming the bad part and the valid choices.
 * `scenarios`, when given, also checks the scenario name.
 */
export function parseConditionId(id: string, scenarios?: readonly string[]): Condition {
  const [base = '', ...suffixes] = id.split('+');
  const match = /^([a-z][a-z0-9_]*?)_([a-z]+)-([a-z]+)_([a-z]+)$/.exec(base);
  if (!match) {
    throw new InputError(
      `malformed condition id '${id}'; expected <scenario>_<goalType>-<goalValue>_<urgency>[+axis=value], ` +
        `e.g. blackmail_explicit-america_replacement`,
    );
  }
  const [, scenario, goalType, goalValue, urgency] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
  ];
  if (scenarios && !scenarios.includes(scenario)) bad('scenario', scenario, id, scenarios);
  if (!(GOAL_TYPES as readonly string[]).includes(goalType))
    bad('goal type', goalType, id, GOAL_TYPES);
  const values = VALUELESS.includes(goalType as GoalType) ? ['none'] : GOAL_VALUES;
  if (!values.includes(goalValue as GoalValue)) {
    const hint = values.length === 1 ? ` (goal type '${goalType}' takes no goal value)` : '';
    bad('goal value', goalValue, id, values, hint);
  }
  if (!(URGENCIES as readonly string[]).includes(urgency)) bad('urgency', urgency, id, URGENCIES);
  const condition: Condition = {
    scenario,
    goalType: goalType as GoalType,
    goalValue: goalValue as GoalValue | 'none',
    urgency: urgency as Condition['urgency'],
    prompt: 'dev',
    notice: 'none',
    mitigation: 'none',
  };
  const seen: ExtraAxis[] = [];
  for (const suffix of suffixes) {
    const [axis = '', value = ''] = suffix.split('=');
    if (!AXIS_ORDER.includes(axis as ExtraAxis)) bad('axis', axis, id, AXIS_ORDER);
    const a = axis as ExtraAxis;
    if (!(EXTRA_AXES[a] as readonly string[]).includes(value))
      bad(`value for ${a}`, value, id, EXTRA_AXES[a]);
    if (seen.includes(a)) throw new InputError(`axis '${a}' given twice in '${id}'`);
    seen.push(a);
    (condition as unknown as Record<string, string>)[a] = value;
  }
  return condition;
}

/** The id in its one canonical spelling (defaults dropped, axes in order). */
export function canonicalConditionId(id: string, scenarios?: readonly string[]): string {
  return formatConditionId(parseConditionId(id, scenarios));
}

/**
 * Condition ids of `scenario` matching a glob. A glob without `+` matches only conditions
 * whose extra axes are at their defaults; one with `+` matches over the full grid.
 */
export function matchConditions(scenario: string, glob: string): string[] {
  const isMatch = picomatch(glob);
  const grid = glob.includes('+') ? fullGrid(scenario) : baseGrid(scenario);
  return grid.map(formatConditionId).filter((id) => isMatch(id));
}

function bad(what: string, value: string, id: string, valid: readonly string[], hint = ''): never {
  throw new InputError(`unknown ${what} '${value}' in '${id}'${hint}; valid: ${valid.join(', ')}`);
}
