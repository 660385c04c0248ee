import { join } from 'node:path';
import Database from 'better-sqlite3';
import { STORE_FILE } from './open-database.js';

/**
 * Copies what the store's write-ahead log holds into `<outDir>/turncoat.db` now, without
 * waiting for any reader or writer (a PASSIVE checkpoint, through a connection of its own that
 * changes nothing else). SQLite copies the rest of the log when the last connection closes;
 * done while a run waits for its last answers, that close (after them) has little left to
 * copy. The store ends the same either way.
 * @example checkpointStore('turncoat-out') // while the run's own connection is still open
 */
export function checkpointStore(outDir: string): void {
  const db = new Database(join(outDir, STORE_FILE), { fileMustExist: true });
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } finally {
    db.close();
  }
}
