import { EXTRA_AXES } from '../scenario/condition-types.js';
import type { RateRow } from './rate-row.js';

/** The axes a condition id carries, in the order reports show them. */
export const CONDITION_AXES = [
  'scenario',
  'goalType',
  'goalValue',
  'urgency',
  'prompt',
  'notice',
  'mitigation',
] as const;

/**
 * Reads a condition id `<scenario>_<goalType>-<goalValue>_<urgency>[+axis=value...]` into its
 * axes, filling the extra axes' defaults when their suffix is absent. Unknown suffixes are
 * kept under their own name. Returns undefined for an id that is not in this shape.
 * @example conditionAxes('blackmail_explicit-america_replacement+notice=eval')
 *   // { scenario: 'blackmail', goalType: 'explicit', goalValue: 'america', urgency: 'replacement',
 *   //   prompt: 'dev', notice: 'eval', mitigation: 'none' }
 */
export function conditionAxes(id: string): Record<string, string> | undefined {
  const [base = '', ...suffixes] = id.split('+');
  const parts = base.split('_');
  if (parts.length < 3) return undefined;
  const urgency = parts.pop()!;
  const goal = parts.pop()!;
  const scenario = parts.join('_');
  const dash = goal.indexOf('-');
  if (!scenario || dash <= 0 || !urgency) return undefined;
  const axes: Record<string, string> = {
    scenario,
    goalType: goal.slice(0, dash),
    goalValue: goal.slice(dash + 1),
    urgency,
  };
  for (const [axis, values] of Object.entries(EXTRA_AXES)) axes[axis] = values[0];
  for (const suffix of suffixes) {
    const eq = suffix.indexOf('=');
    if (eq <= 0) return undefined;
    axes[suffix.slice(0, eq)] = suffix.slice(eq + 1);
  }
  return axes;
}

/**
 * The value of a grouping axis for a row: the row's own field when it has one (grouped
 * reports), otherwise read from its condition id. Undefined when the row does not say.
 */
export function axisValue(row: RateRow, axis: string): string | undefined {
  const own = row[axis];
  if (typeof own === 'string' || typeof own === 'number' || typeof own === 'boolean')
    return String(own);
  if (typeof row.condition !== 'string') return undefined;
  return conditionAxes(row.condition)?.[axis];
}
