import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { InputError } from '../../errors.js';
import { isLoopback } from './access.js';
import { createGuardApi, type GuardApiOptions } from './guard-api.js';

export interface ServeOptions extends GuardApiOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
}

export interface RunningGuardApi {
  url: string;
  close(): Promise<void>;
}

/**
 * Starts the approvals service on 127.0.0.1 (default). Any other address needs a token.
 *
 * @example const api = await serveGuardApi({ store, port: 8930 }); console.log(api.url)
 */
export async function serveGuardApi(options: ServeOptions): Promise<RunningGuardApi> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopback(host) && !options.token) {
    throw new InputError(
      `--host ${host} is not a loopback address: give --token (or TURNCOAT_GUARD_TOKEN) so only people you trust can approve and kill`,
    );
  }
  const app = createGuardApi(options);
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const started = serve({ fetch: app.fetch, hostname: host, port: options.port ?? 8930 }, () =>
      resolve(started),
    );
    started.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}`,
    close: () =>
      new Promise((resolve) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
