/**
 * Starts the viewer: opens the store read-only and the sidecar search index, serves the
 * app with @hono/node-server, and keeps indexing new trials in the background.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { InputError } from '../errors.js';
import { resolveRun } from '../store/runs.js';
import { openReadOnlyStore } from './read-only-store.js';
import { openSearchIndex, type SearchIndex } from './search-index.js';
import { newAccessToken } from './access-token.js';
import { createViewerApp } from './viewer-app.js';
import type { Hono } from 'hono';
import type { GuardMount } from './guard-routes.js';
import { openGuardStore } from '../guard/open-guard-store.js';
import type { GuardStore } from '../guard/guard-store.js';
import { createGuardApi } from '../guard/serve/guard-api.js';

export interface ViewerStartOptions {
  outDir: string;
  /** Default 127.0.0.1. Any other address requires a token. */
  host?: string;
  /** Default 4173; 0 picks a free port. */
  port?: number;
  /** The built front end; default `<package>/dist/web`. */
  assetsDir?: string;
  /** Run to open (validated); default the most recent. */
  run?: string;
  /** Milliseconds between checks for newly stored trials to index; default 5000. */
  indexEveryMs?: number;
}

export interface RunningViewer {
  /** The address to open (with `?token=` when one is required). */
  url: string;
  host: string;
  port: number;
  token: string | undefined;
  /** The run the viewer opens on. */
  run: string;
  index: SearchIndex;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/** Whether `host` is a loopback address (no token needed). */
export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host);
}

/** `<package root>/dist/web`, found from this file whether it runs from src/ or dist/. */
export function defaultAssetsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'turncoat'
    )
      return join(dir, 'dist', 'web');
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the turncoat package folder');
    dir = parent;
  }
}

/**
 * Starts the viewer over `<outDir>/turncoat.db` and resolves once it listens.
 * @example const viewer = await startViewer({ outDir: 'turncoat-out', port: 0 }); console.log(viewer.url)
 */
export async function startViewer(options: ViewerStartOptions): Promise<RunningViewer> {
  const host = options.host ?? '127.0.0.1';
  const assetsDir = options.assetsDir ?? defaultAssetsDir();
  if (!existsSync(join(assetsDir, 'index.html')))
    throw new InputError(
      `the viewer's pages are not built in '${assetsDir}'; run \`npm run build\``,
    );
  const store = openReadOnlyStore(options.outDir);
  let run: string;
  try {
    run = resolveRun(store.db, options.run).id;
  } catch (error) {
    store.close();
    throw error;
  }
  const index = openSearchIndex(options.outDir, store.db);
  store.db.exec(`ATTACH DATABASE '${index.file.replace(/'/g, "''")}' AS idx`);
  const token = isLoopback(host) ? undefined : newAccessToken();
  const guard = lazyGuardApi(options.outDir, token);
  const app = createViewerApp({ store, index, assetsDir, guard, ...(token && { token }) });

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const keepIndexing = async () => {
    if (stopped) return;
    await index.catchUp();
    if (!stopped)
      timer = setTimeout(() => void keepIndexing(), options.indexEveryMs ?? 5000).unref();
  };
  void keepIndexing();

  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: host, port: options.port ?? 4173 }, () =>
      resolve(s),
    );
    s.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}/${token ? `?token=${token}` : ''}`,
    host,
    port,
    token,
    run,
    index,
    close: () =>
      new Promise<void>((resolve) => {
        stopped = true;
        clearTimeout(timer);
        server.close(() => {
          guard.close();
          index.close();
          store.close();
          resolve();
        });
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}

/** The guard API over this output directory's guard store, opened on first use. */
function lazyGuardApi(outDir: string, token: string | undefined): GuardMount & { close(): void } {
  let store: GuardStore | undefined;
  let api: Hono | undefined;
  return {
    ...(token && { token }),
    api() {
      store ??= openGuardStore(outDir, { create: false });
      return (api ??= createGuardApi({ store, ...(token && { token }) }));
    },
    close: () => store?.close(),
  };
}
