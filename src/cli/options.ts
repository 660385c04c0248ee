/**
 * Collects a repeatable option's values: `--model a --model b` gives `['a', 'b']`.
 * Use with an empty array as the default: `.option('--model <id>', '...', collect, [])`.
 */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
