/**
 * The worker thread behind `startRunReport` (run-report.ts): it imports the report's modules
 * (the store's readers, Vega and Vega-Lite) as soon as it starts, while the run's trials go
 * on in the main thread, then writes `report.html` when the main thread sends the run.
 */
import { parentPort } from 'node:worker_threads';

const port = parentPort!;
const { writeRunReport } = await import('./write-run-report.js');
await import('./html/render-html-report.js');

port.once('message', (job: { outDir: string; runId: string }) => {
  writeRunReport(job.outDir, job.runId).then(
    (file) => port.postMessage({ file }),
    (error: unknown) => port.postMessage({ error: String((error as Error)?.message ?? error) }),
  );
});
