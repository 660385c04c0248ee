/**
 * The audit trail's WAL checkpointer: a thread with its own connection, started by the audit
 * writer thread (audit-writer-thread.ts), so that copying the write-ahead log into the
 * database file, and that file's fsync, never run inside a commit. SQLite's automatic
 * checkpoint runs in the commit that takes the log past 1,000 pages; on the writer thread it
 * held up every deny queued behind it for tens of milliseconds (paced guard bench at load
 * ~11: p99 8.4-9.5 ms with it, 2.7 ms without). A PASSIVE checkpoint never blocks a writer,
 * so the writer keeps committing while this thread copies and syncs.
 *
 * Every CHECKPOINT_EVERY_MS a PASSIVE checkpoint; when the log is past WAL_CAP_PAGES (under
 * sustained writes the log never has the quiet moment it needs to start again from the
 * beginning) a RESTART checkpoint, which waits for the writer to be between transactions
 * (the writer waits for it in turn, briefly: only frames written since the last pass are
 * left to copy), so the log stays bounded. A checkpoint that fails is tried again next time:
 * what is committed is in the log either way.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../store/open-database.js';

/** How often the log is copied into the database file. */
export const CHECKPOINT_EVERY_MS = 100;
/** Past this many log pages (4 KiB each: 64 MiB) the log is made to start again. */
export const WAL_CAP_PAGES = 16_384;

const { dir } = workerData as { dir: string };
const port = parentPort!;
const db = openDatabase(dir, { create: false });
db.pragma('wal_autocheckpoint = 0');

function checkpoint(): void {
  try {
    const [pass] = db.pragma('wal_checkpoint(PASSIVE)') as Array<{ log: number }>;
    if (pass && pass.log > WAL_CAP_PAGES) db.pragma('wal_checkpoint(RESTART)');
  } catch {
    // Busy or interrupted: the next pass tries again.
  }
}

const timer = setInterval(checkpoint, CHECKPOINT_EVERY_MS);
port.postMessage('ready');
port.on('message', (message: 'close') => {
  if (message !== 'close') return;
  clearInterval(timer);
  db.close();
  port.postMessage('closed');
  port.close();
});
