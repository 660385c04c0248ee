/** Turns the config's `conditions:` entries into canonical condition ids. Pure. */
import { InputError } from '../errors.js';
import {
  EXTRA_AXES,
  GOAL_PAIRS,
  GOAL_TYPES,
  URGENCIES,
  type Condition,
  type GoalValue,
} from '../scenario/condition-types.js';
import {
  canonicalConditionId,
  formatConditionId,
  matchConditions,
} from '../scenario/conditions.js';
import type { ConditionEntry, ConditionExpansion } from './schema.js';

const VALUELESS = new Set(['none', 'ambiguous']);

/**
 * Expands ids, globs and per-axis lists into sorted, de-duplicated condition ids.
 * @example expandConditions([{ scenarios: ['blackmail'], goalTypes: ['explicit', 'none'], goalValues: ['america'], urgencies: ['replacement', 'none'] }], ['blackmail'])
 * // blackmail_explicit-america_none, blackmail_explicit-america_replacement, blackmail_none-none_none, blackmail_none-none_replacement
 */
export function expandConditions(
  entries: readonly ConditionEntry[],
  scenarios: readonly string[],
): string[] {
  const ids = new Set<string>();
  for (const entry of entries) {
    if (typeof entry === 'string') {
      for (const id of expandString(entry, scenarios)) ids.add(id);
    } else {
      for (const condition of crossAxes(entry, scenarios)) ids.add(formatConditionId(condition));
    }
  }
  return [...ids].sort();
}

function expandString(entry: string, scenarios: readonly string[]): string[] {
  if (!/[*?[\]{}!]/.test(entry)) return [canonicalConditionId(entry, scenarios)];
  const matches = scenarios.flatMap((scenario) => matchConditions(scenario, entry));
  if (matches.length === 0) {
    throw new InputError(
      `condition glob '${entry}' matches no condition of the scenarios ${scenarios.join(', ')}`,
    );
  }
  return matches;
}

function crossAxes(expansion: ConditionExpansion, known: readonly string[]): Condition[] {
  const scenarios = expansion.scenarios ?? known;
  for (const scenario of scenarios) {
    if (!known.includes(scenario))
      throw new InputError(
        `unknown scenario '${scenario}' in conditions; valid: ${known.join(', ')}`,
      );
  }
  const goalValues = (expansion.goalValues ?? GOAL_PAIRS.flat()) as GoalValue[];
  const out: Condition[] = [];
  for (const scenario of scenarios)
    for (const goalType of expansion.goalTypes ?? GOAL_TYPES)
      for (const goalValue of VALUELESS.has(goalType) ? (['none'] as const) : goalValues)
        for (const urgency of expansion.urgencies ?? URGENCIES)
          for (const prompt of expansion.prompt ?? [EXTRA_AXES.prompt[0]])
            for (const notice of expansion.notice ?? [EXTRA_AXES.notice[0]])
              for (const mitigation of expansion.mitigation ?? [EXTRA_AXES.mitigation[0]])
                out.push({ scenario, goalType, goalValue, urgency, prompt, notice, mitigation });
  return out;
}
