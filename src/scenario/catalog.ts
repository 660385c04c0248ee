import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import picomatch from 'picomatch';
import { InputError, unknownValue } from '../errors.js';
import {
  baseGrid,
  canonicalConditionId,
  formatConditionId,
  matchConditions,
  parseConditionId,
} from './conditions.js';
import { loadPack, type LoadedPack } from './load-pack.js';
import { renderScenario } from './render.js';
import { readCachedRender, writeCachedRender } from './scenario-cache.js';
import type { RenderedScenario } from './rendered.js';
import type { ScenarioPack } from './schema.js';

/** The scenario packs of one folder, and the conditions they render. */
export interface Catalog {
  packs: ScenarioPack[];
  /** Scenario names (pack ids), sorted. */
  scenarios(): string[];
  /** Base-grid condition ids (extra axes at their defaults) of one scenario or of all. */
  conditions(scenario?: string): string[];
  /**
   * Renders a condition id for a surface variant (default 0). Memoised per (id, variant), the
   * 2048 most recently used kept. The value is shared, so callers must not mutate it
   * (copy the world first: `copyWorld`).
   * Throws InputError for an unknown scenario or a malformed id.
   */
  render(conditionId: string, variant?: number): RenderedScenario;
  /** The loaded pack (with file and hash) of a scenario. */
  pack(scenario: string): LoadedPack;
}

/** Renders kept (least recently used dropped first): a few tens of KB each. */
const RENDER_CACHE_SIZE = 2048;

/** The `scenarios/` folder shipped with the package (same relative place from src/ and dist/). */
export function defaultScenarioDir(): string {
  return resolve(fileURLToPath(new URL('.', import.meta.url)), '../../scenarios');
}

/** Loads every `*.yaml` pack in `dir` (default: the package's `scenarios/`). */
export function loadCatalog(dir: string = defaultScenarioDir()): Catalog {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'));
  } catch (error) {
    throw new InputError(`cannot read scenario folder ${dir}: ${(error as Error).message}`);
  }
  const loaded = files.sort().map((f) => loadPack(join(dir, f)));
  return catalogOf(loaded);
}

/** A catalog over packs already loaded (tests, lint). */
export function catalogOf(loaded: LoadedPack[]): Catalog {
  const byId = new Map<string, LoadedPack>();
  for (const l of loaded) {
    const other = byId.get(l.pack.id);
    if (other)
      throw new InputError(`${l.file}: scenario id '${l.pack.id}' is also used by ${other.file}`);
    byId.set(l.pack.id, l);
  }
  const names = [...byId.keys()].sort();
  const cache = new Map<string, RenderedScenario>();
  const packOf = (scenario: string): LoadedPack => {
    const found = byId.get(scenario);
    if (!found) throw unknownValue('scenario', scenario, names);
    return found;
  };
  return {
    packs: names.map((n) => byId.get(n)!.pack),
    scenarios: () => [...names],
    conditions: (scenario) =>
      (scenario ? [packOf(scenario)] : names.map(packOf)).flatMap((l) =>
        baseGrid(l.pack.id).map(formatConditionId),
      ),
    pack: packOf,
    render(conditionId, variant = 0) {
      if (!Number.isInteger(variant) || variant < 0) {
        throw new InputError(`variant must be a whole number >= 0, got '${variant}'`);
      }
      const condition = parseConditionId(conditionId, names);
      const key = `${formatConditionId(condition)}#${variant}`;
      let rendered = cache.get(key);
      if (rendered)
        cache.delete(key); // re-inserted below: most recently used last
      else {
        // From the scenario cache on disk when this pack's bytes were rendered so before.
        const { pack, hash } = packOf(condition.scenario);
        const id = formatConditionId(condition);
        rendered = readCachedRender(hash, id, variant);
        if (!rendered) {
          rendered = renderScenario(pack, hash, condition, variant);
          writeCachedRender(hash, id, variant, rendered);
        }
      }
      cache.set(key, rendered);
      if (cache.size > RENDER_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      return rendered;
    },
  };
}

/**
 * The condition ids a selection names: every base condition of the listed scenarios, plus
 * every id matching a glob (`blackmail_explicit-*_replacement`, `*_none-none_*+notice=eval`).
 * A glob without `+` matches only default-extra conditions; a plain id is taken as it is.
 * Throws InputError for an unknown scenario, a bad id, or a glob that matches nothing. No selection at all means every base condition.
 */
export function selectConditions(
  catalog: Catalog,
  sel: { scenarios?: string[]; globs?: string[] },
): string[] {
  const names = catalog.scenarios();
  const out = new Set<string>();
  for (const s of sel.scenarios ?? []) {
    if (!names.includes(s)) throw unknownValue('scenario', s, names);
    catalog.conditions(s).forEach((id) => out.add(id));
  }
  for (const glob of sel.globs ?? []) {
    if (!picomatch.scan(glob).isGlob) {
      // A plain id: parse it for a precise error, and accept its axes in any order.
      out.add(canonicalConditionId(glob, names));
      continue;
    }
    const matched = names.flatMap((s) => matchConditions(s, glob));
    if (matched.length === 0) {
      const scenarioPart = glob.split('_')[0] ?? '';
      const knownScenario = names.some((n) => picomatch.isMatch(n, scenarioPart));
      const hint = knownScenario
        ? 'e.g. blackmail_explicit-*_replacement or *_none-none_none+notice=eval'
        : `scenarios: ${names.join(', ')}`;
      throw new InputError(`no condition matches '${glob}'; ${hint}`);
    }
    matched.forEach((id) => out.add(id));
  }
  if (!sel.scenarios?.length && !sel.globs?.length)
    catalog.conditions().forEach((id) => out.add(id));
  return [...out];
}
