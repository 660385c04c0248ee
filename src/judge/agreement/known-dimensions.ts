import { unknownValue } from '../../errors.js';
import { DIMENSIONS } from '../types.js';
import { LLM_JUDGE_DIMENSIONS } from '../llm/rubrics.js';

/** Every dimension some judge rules on: the shared list plus the LLM judge's extra ones. */
export const KNOWN_DIMENSIONS: readonly string[] = [
  ...new Set([...DIMENSIONS, ...LLM_JUDGE_DIMENSIONS]),
];

/** Throws InputError naming the valid dimensions when `name` is not one. */
export function checkDimension(name: string): string {
  if (!KNOWN_DIMENSIONS.includes(name)) throw unknownValue('dimension', name, KNOWN_DIMENSIONS);
  return name;
}
