/**
 * `turncoat run --config FILE --scenario S --condition GLOB`: the flags narrow the config's
 * conditions, never add to them. Pure.
 */
import picomatch from 'picomatch';
import { InputError, unknownValue } from '../errors.js';
import { canonicalConditionId } from '../scenario/conditions.js';

export interface ConditionFilter {
  /** Keep the conditions of these scenarios (empty: any scenario). */
  scenarios: readonly string[];
  /** Keep the conditions matching one of these ids or globs, extra axes included (empty: any). */
  globs: readonly string[];
}

/**
 * The config's condition ids that pass both filters, in their order. Unknown scenarios and
 * malformed ids are bad input naming the valid choices; a filter that leaves nothing is too.
 * @example narrowConditions(['blackmail_none-none_none', 'leaking_none-none_none'], { scenarios: ['leaking'], globs: [] }, ['blackmail', 'leaking'])
 * // ['leaking_none-none_none']
 */
export function narrowConditions(
  ids: readonly string[],
  filter: ConditionFilter,
  known: readonly string[],
): string[] {
  for (const s of filter.scenarios)
    if (!known.includes(s)) throw unknownValue('scenario', s, known);
  const matchers = filter.globs.map((glob) => {
    if (picomatch.scan(glob).isGlob) return picomatch(glob);
    const id = canonicalConditionId(glob, known);
    return (candidate: string) => candidate === id;
  });
  const kept = ids.filter(
    (id) =>
      (filter.scenarios.length === 0 || filter.scenarios.includes(id.slice(0, id.indexOf('_')))) &&
      (matchers.length === 0 || matchers.some((m) => m(id))),
  );
  if (kept.length === 0) {
    const flags = [
      ...filter.scenarios.map((s) => `--scenario ${s}`),
      ...filter.globs.map((g) => `--condition '${g}'`),
    ].join(' ');
    const shown = ids.slice(0, 4).join(', ') + (ids.length > 4 ? `, ... (${ids.length})` : '');
    throw new InputError(
      `${flags} leaves none of the config's conditions (the flags narrow them, never add): ${shown}`,
    );
  }
  return kept;
}
