/**
 * `turncoat run` writes `report.html` when its trials are done. Its modules (Vega above all)
 * take a good part of a second to load, so the run starts a worker thread that loads them
 * while the trials run, on another core, and writes the report there at the end: the same
 * `writeRunReport`, the same file. Where no worker can start or it fails, the report is
 * written in this thread as before.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

export interface RunReport {
  /** Writes `<outDir>/report.html` for the run and returns its path. */
  write(outDir: string, runId: string): Promise<string>;
  /** Stops the worker (when the run writes no report). Safe to call twice. */
  close(): void;
}

/**
 * Starts loading the report's modules in a worker thread.
 * `threadFromSource`: run from TypeScript sources, use a thread too (through tsx; tests of
 * the thread itself); otherwise sources write the report in this thread.
 * @example const report = startRunReport(); ... await report.write(outDir, run.id); report.close();
 */
export function startRunReport(options: { threadFromSource?: boolean } = {}): RunReport {
  const inThread = async (outDir: string, runId: string) => {
    const { writeRunReport } = await import('./write-run-report.js');
    return writeRunReport(outDir, runId);
  };
  // From TypeScript sources (tests, `npm run dev`) the thread runs its .ts file through tsx.
  const fromSource = import.meta.url.endsWith('.ts');
  const script = new URL(`./report-thread.${fromSource ? 'ts' : 'js'}`, import.meta.url);
  let worker: Worker | undefined;
  let ended = false;
  try {
    if ((!fromSource || options.threadFromSource) && existsSync(fileURLToPath(script))) {
      worker = fromSource
        ? // tsx registered inside the thread (an `--import tsx` flag is not honoured in every
          // parent, e.g. a test runner's long-lived worker process)
          new Worker(
            `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(script.href)}); });`,
            { eval: true },
          )
        : new Worker(script);
      worker.unref(); // loading the modules never keeps the process alive by itself
      worker.on('error', () => {}); // a failed worker is noticed in write(), which falls back
      worker.once('exit', () => (ended = true));
    }
  } catch {
    worker = undefined;
  }
  return {
    async write(outDir, runId) {
      const w = worker;
      if (!w || ended) {
        this.close();
        return inThread(outDir, runId);
      }
      w.ref();
      try {
        const answer = await new Promise<{ file?: string; error?: string }>((resolve) => {
          w.once('message', resolve);
          w.once('exit', () => resolve({ error: 'the report thread stopped' }));
          w.postMessage({ outDir, runId });
        });
        if (answer.file) return answer.file;
      } finally {
        this.close();
      }
      // The thread failed: write the report here, so a real error surfaces as it would have.
      return inThread(outDir, runId);
    },
    close() {
      void worker?.terminate();
      worker = undefined;
    },
  };
}
