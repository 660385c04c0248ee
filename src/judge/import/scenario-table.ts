/**
 * Imported runs have no scenario pack: the world each trial lived in is rebuilt from the
 * original harness's rendered prompts and kept here, so the trials can be judged again.
 */
import type { Db } from '../../store/open-database.js';
import type { RenderedScenario } from '../../scenario/rendered.js';

function ensureTable(db: Db): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS imported_scenarios (
      pack_hash TEXT NOT NULL,
      condition TEXT NOT NULL,
      variant INTEGER NOT NULL,
      scenario TEXT NOT NULL,
      PRIMARY KEY (pack_hash, condition, variant)
    ) WITHOUT ROWID;
  `);
}

export function saveImportedScenario(db: Db, scenario: RenderedScenario): void {
  ensureTable(db);
  db.prepare(
    'INSERT OR REPLACE INTO imported_scenarios (pack_hash, condition, variant, scenario) VALUES (?, ?, ?, ?)',
  ).run(scenario.packHash, scenario.conditionId, scenario.variant, JSON.stringify(scenario));
}

export function loadImportedScenario(
  db: Db,
  packHash: string,
  condition: string,
  variant: number,
): RenderedScenario | undefined {
  ensureTable(db);
  const row = db
    .prepare(
      'SELECT scenario FROM imported_scenarios WHERE pack_hash = ? AND condition = ? AND variant = ?',
    )
    .pluck()
    .get(packHash, condition, variant) as string | undefined;
  return row === undefined ? undefined : (JSON.parse(row) as RenderedScenario);
}
