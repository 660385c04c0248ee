/**
 * Writes the sample report (synthetic rows: three scripted reference agents, six blackmail
 * conditions, some errors) to a file, for looking at it and for the docs' screenshot.
 * Usage: node --import tsx src/report/html/render-sample.ts [out.html]
 */
import { writeFile } from 'node:fs/promises';
import { compareConditions } from '../comparisons.js';
import { syntheticAwarenessRows, syntheticRows, syntheticRun } from '../fixtures/synthetic-rows.js';
import { renderHtmlReport } from './render-html-report.js';

export async function renderSampleReport(): Promise<string> {
  const rows = syntheticRows();
  const comparisons = compareConditions(rows, [
    { axis: 'mitigation', from: 'none', to: 'prohibit' },
    { axis: 'notice', from: 'none', to: 'eval' },
  ]);
  return renderHtmlReport({
    rows,
    comparisons,
    run: syntheticRun(),
    awareness: syntheticAwarenessRows(),
    viewerUrl: 'http://127.0.0.1:4173',
  });
}

const isEntry = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isEntry) {
  const out = process.argv[2] ?? '/tmp/turncoat-report.html';
  await writeFile(out, await renderSampleReport());
  console.log(`wrote ${out}`);
}
