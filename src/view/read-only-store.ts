/**
 * The viewer reads the store through a read-only SQLite connection, so nothing it does can
 * change a result. The one write it makes (a human label) goes through `labelWriter`, a
 * separate connection opened on first use.
 *
 * Swap point: when the store gains its own read-only open function, `openReadOnlyStore`
 * becomes a call to it; nothing else in the viewer opens the store file.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase, STORE_FILE, type Db } from '../store/open-database.js';
import { ensureJudgePassTables } from '../store/judge-passes.js';
import { addLabel, ensureLabelsTable, type Label } from '../store/labels.js';

export interface ReadOnlyStore {
  /** Read-only: any write through it fails with SQLITE_READONLY. */
  db: Db;
  file: string;
  /** Stores one human label through a separate read-write connection (opened lazily). */
  addLabel(input: Omit<Label, 'id' | 'created'>): Label;
  close(): void;
}

/**
 * Opens `<outDir>/turncoat.db` for the viewer. First, like every command, it brings the
 * schema up to date and makes sure the labels and judge-pass tables exist (readers of
 * those tables create them on demand, which a read-only connection cannot); then it
 * reopens the file read-only. Throws InputError when there is no store in `outDir`.
 * @example const store = openReadOnlyStore('turncoat-out'); store.db.prepare('SELECT 1').get()
 */
export function openReadOnlyStore(outDir: string): ReadOnlyStore {
  const setup = openDatabase(outDir, { create: false });
  try {
    ensureLabelsTable(setup);
    ensureJudgePassTables(setup);
  } finally {
    setup.close();
  }
  const file = join(outDir, STORE_FILE);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  let writer: Db | undefined;
  return {
    db,
    file,
    addLabel(input) {
      writer ??= new Database(file, { fileMustExist: true });
      writer.pragma('busy_timeout = 5000');
      return addLabel(writer, input);
    },
    close() {
      writer?.close();
      db.close();
    },
  };
}
