import type { Catalog } from '../../scenario/catalog.js';
import type { RenderedScenario } from '../../scenario/rendered.js';
import type { Db } from '../../store/open-database.js';
import type { StoredTrial } from '../../store/judge-passes.js';
import { loadImportedScenario } from '../import/scenario-table.js';

export type ScenarioLookup = (
  trial: StoredTrial,
) => { scenario: RenderedScenario } | { missing: string };

/**
 * Finds the scenario a stored trial lived in: an imported run's rebuilt world, else the
 * catalog's rendering of the same condition and variant, provided the pack is unchanged
 * (judging against an edited pack would show the judge emails the agent never saw).
 */
export function scenarioLookup(db: Db, catalog: () => Catalog | undefined): ScenarioLookup {
  return (trial) => {
    const imported = loadImportedScenario(db, trial.packHash, trial.condition, trial.variant);
    if (imported) return { scenario: imported };
    const cat = catalog();
    if (!cat) return { missing: `no scenario packs to render ${trial.condition}` };
    let scenario: RenderedScenario;
    try {
      scenario = cat.render(trial.condition, trial.variant);
    } catch (error) {
      return { missing: (error as Error).message };
    }
    if (scenario.packHash !== trial.packHash) {
      return {
        missing: `pack for '${trial.scenario}' changed since the run (hash ${trial.packHash.slice(0, 12)} -> ${scenario.packHash.slice(0, 12)})`,
      };
    }
    return { scenario };
  };
}
