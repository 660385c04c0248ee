import { InputError } from '../errors.js';
import { GROUP_COLUMNS, type GroupField } from '../store/rate-rows.js';

/** `--by` also accepts `evalAwareness`: rows split by the eval_awareness verdict. */
export const AWARENESS_AXIS = 'evalAwareness';

export const GROUP_AXES: readonly string[] = [...Object.keys(GROUP_COLUMNS), AWARENESS_AXIS];

export interface Grouping {
  fields: GroupField[];
  /** True when the rows are also split by the eval_awareness verdict. */
  awareness: boolean;
  /** The axes in the order given, for table columns. */
  keys: string[];
}

/**
 * Reads `--by model,scenario,urgency` into grouping fields. Throws InputError naming the bad
 * axis and the valid ones.
 * @example parseGrouping('model,urgency') // { fields: ['model', 'urgency'], awareness: false, keys: [...] }
 */
export function parseGrouping(text: string): Grouping {
  const keys = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (keys.length === 0)
    throw new InputError(`--by '${text}' names no axis; valid: ${GROUP_AXES.join(', ')}`);
  for (const key of keys) {
    if (!GROUP_AXES.includes(key))
      throw new InputError(`unknown axis '${key}' in --by; valid: ${GROUP_AXES.join(', ')}`);
  }
  const unique = [...new Set(keys)];
  return {
    fields: unique.filter((k) => k !== AWARENESS_AXIS) as GroupField[],
    awareness: unique.includes(AWARENESS_AXIS),
    keys: unique,
  };
}
