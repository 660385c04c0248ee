import { InputError } from '../errors.js';

/**
 * Collects a repeatable option's values: `--model a --model b` gives `['a', 'b']`.
 * Use with an empty array as the default: `.option('--model <id>', '...', collect, [])`.
 */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** A whole number >= min from an option, or InputError naming the option and the value. */
export function wholeNumber(option: string, raw: string, min: number): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < min) {
    throw new InputError(`${option} '${raw}' is not valid; valid: a whole number >= ${min}`);
  }
  return value;
}
