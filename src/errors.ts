/**
 * Bad input: an unknown model, scenario or condition, an invalid file. The CLI prints the
 * message and exits 2. Messages name the bad value and the valid choices, or file:line.
 */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/** Formats "unknown X 'v'; valid: a, b, c" with a cap on the list length. */
export function unknownValue(
  what: string,
  value: string,
  valid: readonly string[],
  max = 20,
): InputError {
  const shown = valid.slice(0, max).join(', ');
  const more = valid.length > max ? `, ... (${valid.length - max} more)` : '';
  return new InputError(`unknown ${what} '${value}'; valid: ${shown}${more}`);
}
