import { resolveModel } from '../agent/resolve-model.js';
import { runTrial } from '../agent/run-trial.js';
import { scoreTrial } from '../judge/score-trial.js';
import { loadCatalog, selectConditions, type Catalog } from '../scenario/catalog.js';
import type { TrialDeps } from './trial-deps.js';

/** The real seam: the scenario catalog (memoised renders), the agents and the heuristic judge. */
export function defaultTrialDeps(
  catalog: Catalog = loadCatalog(),
): TrialDeps & { catalog: Catalog } {
  return {
    catalog,
    render: (conditionId, variant) => catalog.render(conditionId, variant),
    resolveModel,
    runTrial,
    scoreTrial: (scenario, transcript) => scoreTrial(scenario, transcript),
  };
}

/** Condition ids for `--scenario`/`--condition` (InputError naming valid choices when nothing matches). */
export function conditionsFor(catalog: Catalog, scenarios: string[], globs: string[]): string[] {
  return selectConditions(catalog, {
    ...(scenarios.length > 0 ? { scenarios } : {}),
    ...(globs.length > 0 ? { globs } : {}),
  });
}
