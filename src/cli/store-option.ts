import type { StoreReader } from '../store/store.js';

/**
 * `--store` on the commands that read: a folder holding turncoat.db (like --out), or a
 * PostgreSQL URL. A PostgreSQL store is read through a snapshot: one REPEATABLE READ
 * transaction copied into a temporary SQLite file, which the unchanged report, export and
 * viewer code reads; the copy is removed when the command ends.
 */
export const STORE_OPTION_HELP =
  'read this store instead of --out: a folder holding turncoat.db, or postgres://user@host/db (read through a snapshot)';

/** Where a reading command finds its store, and what to call it in output. */
export interface ReadableStore {
  /** A folder holding turncoat.db. */
  out: string;
  /** What to print for the store (a URL's password redacted). */
  label: string;
  /** True when `out` is a temporary snapshot of a PostgreSQL store. */
  snapshot: boolean;
  dispose(): void;
}

/**
 * Resolves `--store`/`--out` to a folder the SQLite readers open.
 * @example const store = await readableStore(options); try { openStoreReadOnly(store.out) } finally { store.dispose() }
 */
export async function readableStore(options: {
  out: string;
  store?: string;
}): Promise<ReadableStore> {
  const { isPostgresUrl, redactPostgresUrl } = await import('../store/postgres/pg-url.js');
  if (!isPostgresUrl(options.store)) {
    const out = options.store ?? options.out;
    return { out, label: out, snapshot: false, dispose: () => {} };
  }
  const { snapshotPostgres } = await import('../store/postgres/pg-snapshot.js');
  const snap = await snapshotPostgres(options.store);
  return {
    out: snap.dir,
    label: redactPostgresUrl(options.store),
    snapshot: true,
    dispose: snap.dispose,
  };
}

/**
 * `readableStore`, then the store opened read-only; `close()` closes it and removes a
 * snapshot. A store that fails to open leaves no snapshot behind.
 * @example const { store, close } = await openReadableStore(options); try { store.run() } finally { close() }
 */
export async function openReadableStore(options: { out: string; store?: string }): Promise<{
  store: StoreReader;
  source: ReadableStore;
  close(): void;
}> {
  const { openStoreReadOnly } = await import('../store/store.js');
  const source = await readableStore(options);
  let store: StoreReader;
  try {
    store = openStoreReadOnly(source.out);
  } catch (error) {
    source.dispose();
    throw error;
  }
  return {
    store,
    source,
    close: () => {
      store.close();
      source.dispose();
    },
  };
}
