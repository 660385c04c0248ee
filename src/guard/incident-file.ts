import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { GuardStore } from './guard-store.js';
import type { IncidentBundle } from './records.js';

/**
 * Writes one incident as a single JSON file (default `<out>/incidents/<id>.json`).
 * @example writeIncidentBundle(store, 'inc_1a2b3c4d5e', './turncoat-out').file
 */
export function writeIncidentBundle(
  store: GuardStore,
  id: string,
  outDir: string,
  file?: string,
): { file: string; bundle: IncidentBundle } {
  const bundle = store.incidents.bundle(id);
  const target = file ?? join(outDir, 'incidents', `${id}.json`);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, `${JSON.stringify(bundle, null, 2)}\n`);
  return { file: target, bundle };
}
