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

/**
 * Loads what writeRunReport needs besides the store (the HTML renderer and the chart runtime
 * it inlines, read from node_modules once per process), so that a run can do it while it waits
 * for its last answers rather than after them.
 * @example await warmRunReport(); // later: await writeRunReport(out, runId)
 */
export async function warmRunReport(): Promise<void> {
  await import('./html/render-html-report.js');
  const { chartRuntime } = await import('./html/browser-charts.js');
  chartRuntime();
}
