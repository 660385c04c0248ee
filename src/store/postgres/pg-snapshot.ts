import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyStore, type CopyOptions } from './store-copy.js';
import { postgresSource, sqliteSink } from './store-endpoints.js';

/** A SQLite copy of a PostgreSQL store in a private temporary folder, removed by `dispose`. */
export interface StoreSnapshot {
  /** The folder holding the copy's turncoat.db: pass it where an output directory goes. */
  dir: string;
  dispose(): void;
}

/**
 * Copies the PostgreSQL store at `url` as it is at one moment (one REPEATABLE READ
 * transaction) into a temporary SQLite store, so the SQLite report, export and viewer code
 * reads it unchanged. Workers may go on writing meanwhile; the snapshot does not change.
 * @example const snap = await snapshotPostgres(url); try { openStoreReadOnly(snap.dir) } finally { snap.dispose() }
 */
export async function snapshotPostgres(
  url: string,
  options: Pick<CopyOptions, 'onProgress'> = {},
): Promise<StoreSnapshot> {
  const dir = mkdtempSync(join(tmpdir(), 'turncoat-snapshot-'));
  const dispose = () => rmSync(dir, { recursive: true, force: true });
  try {
    await copyStore(await postgresSource(url), sqliteSink(dir), options);
  } catch (error) {
    dispose();
    throw error;
  }
  return { dir, dispose };
}
