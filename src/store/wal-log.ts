/**
 * The write-ahead log of a store, for a connection that checkpoints it itself instead of
 * letting SQLite do so inside a commit (the audit writer thread: see src/guard/audit-writer-thread.ts).
 *
 * `frames()` reads how many frames the log holds from the WAL-index header in `<file>-shm`
 * (`mxFrame`, a 32-bit integer in native byte order at byte 16: https://sqlite.org/walformat.html,
 * "The WAL-Index Header"), one 4-byte read with no lock and no SQL: cheap enough to ask after
 * every commit. It counts frames since the log last started again from its beginning, which
 * is what a checkpoint bounds.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { endianness } from 'node:os';
import type { Db } from './open-database.js';

/** Bytes of the log's file kept after it starts again, at most (`journal_size_limit`). */
export const WAL_FILE_LIMIT = 16 * 2 ** 20;

export interface WalLog {
  /** Frames in the log now (0 when it has just started again or the index is not there yet). */
  frames(): number;
  /**
   * Copies the log into the database (PASSIVE: never waits for readers or writers) and
   * says how many frames the log had and how many are copied; when all are, the next commit
   * starts the log again from its beginning.
   */
  checkpoint(): { log: number; checkpointed: number; busy: boolean };
  close(): void;
}

/**
 * Takes the log's checkpoints over from SQLite on this connection: its automatic checkpoint
 * is turned off, so a commit never carries one; the caller runs `checkpoint()` when it suits it.
 * @example const wal = walLog(db); ...commit...; if (wal.frames() >= 1000) wal.checkpoint();
 */
export function walLog(db: Db): WalLog {
  db.pragma('wal_autocheckpoint = 0');
  // A log that grew past this (a reader held it) is cut back when it starts again.
  db.pragma(`journal_size_limit = ${WAL_FILE_LIMIT}`);
  const header = Buffer.alloc(4);
  const read = endianness() === 'LE' ? () => header.readUInt32LE(0) : () => header.readUInt32BE(0);
  let fd: number | undefined;
  const statement = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
  return {
    frames() {
      try {
        fd ??= openSync(`${db.name}-shm`, 'r');
        return readSync(fd, header, 0, 4, 16) === 4 ? read() : 0;
      } catch {
        return 0;
      }
    },
    checkpoint() {
      const row = statement.get() as { busy: number; log: number; checkpointed: number };
      return { log: row.log, checkpointed: row.checkpointed, busy: row.busy !== 0 };
    },
    close() {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
  };
}
