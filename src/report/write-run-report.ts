import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStoreReadOnly } from '../store/store.js';
import { buildReport } from './build-report.js';
import { parseGrouping } from './grouping.js';

/**
 * Writes the run's HTML report (per model and condition, default comparisons) to
 * `<outDir>/report.html` and returns its path; `turncoat run` calls it when a run finishes,
 * so the report sits next to the store. `turncoat report --format html` offers every option.
 */
export async function writeRunReport(outDir: string, runId: string): Promise<string> {
  const store = openStoreReadOnly(outDir);
  try {
    const html = await buildReport(store.db, store.run(runId), {
      grouping: parseGrouping('model,condition'),
      format: 'html',
      compare: [],
      ci: 'wilson',
      marginals: false,
    });
    const file = join(outDir, 'report.html');
    writeFileSync(file, html);
    return file;
  } finally {
    store.close();
  }
}
