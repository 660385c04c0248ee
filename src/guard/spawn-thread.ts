/**
 * Starts one of the guard's own threads (the audit writer, its checkpointer): the compiled
 * `.js` beside this module, or (running from the TypeScript sources, in tests and
 * `npm run bench`) the `.ts` through tsx.
 */
import { Worker } from 'node:worker_threads';

/**
 * @example spawnModuleThread('audit-checkpointer-thread', { dir })
 */
export function spawnModuleThread(name: string, workerData: unknown): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(`./${name}.${fromSource ? 'ts' : 'js'}`, import.meta.url);
  if (!fromSource) return new Worker(entry, { workerData });
  // A worker does not inherit the parent's loader hooks: register tsx's in it first.
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(boot, { eval: true, workerData });
}
