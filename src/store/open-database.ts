import { accessSync, constants, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { InputError } from '../errors.js';
import { MIGRATIONS, SCHEMA_VERSION } from './schema.js';
import { damaged, identifyStore, markAsTurncoat, refuseForeign } from './store-identity.js';
import { noteOpened } from './store-failure.js';

export type Db = Database.Database;

/** The store's file name inside an output directory. */
export const STORE_FILE = 'turncoat.db';

/** How long a write waits for another process's write to finish before giving up (ms). */
export const BUSY_TIMEOUT_MS = 60_000;

/**
 * Opens (creating when asked) `<outDir>/turncoat.db` for writing, in WAL mode with
 * `synchronous=NORMAL` and temporary storage in memory, and brings its schema up to date. Writes wait for other processes'
 * writes (busy timeout) instead of failing. A file that is not a turncoat store is refused
 * before anything is written to it; so is a store written by a newer turncoat.
 * Throws InputError when the directory cannot be created or written, or (with
 * `create: false`) when there is no store there.
 */
export function openDatabase(outDir: string, { create = true } = {}): Db {
  const file = join(outDir, STORE_FILE);
  if (create) {
    try {
      mkdirSync(outDir, { recursive: true });
      accessSync(outDir, constants.W_OK);
    } catch (error) {
      throw new InputError(
        `output directory '${outDir}' is not writable: ${(error as Error).message}`,
      );
    }
  } else if (!existsSync(file)) {
    throw noResults(outDir);
  }
  noteOpened(file);
  let db: Db;
  try {
    db = new Database(file, { fileMustExist: !create, timeout: BUSY_TIMEOUT_MS });
  } catch (error) {
    throw new InputError(`cannot open store ${file}: ${(error as Error).message}`);
  }
  try {
    const identity = identifyStore(db, file);
    refuseForeign(identity, file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // Statement journals and sorts in memory, not temporary files: a run made ~15 of them a
    // second in the temp directory (each created, written and unlinked).
    db.pragma('temp_store = MEMORY');
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/**
 * Opens `<outDir>/turncoat.db` read-only: nothing is ever written to it (no migration, no
 * journal change), so reports work on a folder the user can only read and on stores
 * copied from elsewhere. A file that is not a turncoat store, or whose schema is older or
 * newer than this turncoat's, is refused with an InputError saying what to do.
 * On read-only media where SQLite cannot open a WAL store in place, the file is read into
 * memory instead.
 * @example const db = openDatabaseReadOnly('turncoat-out'); // then SELECT ...; db.close()
 */
export function openDatabaseReadOnly(outDir: string): Db {
  const file = join(outDir, STORE_FILE);
  if (!existsSync(file)) throw noResults(outDir);
  const db = openFileReadOnly(file);
  try {
    const identity = identifyStore(db, file);
    refuseForeign(identity, file);
    if (identity.version < SCHEMA_VERSION) {
      throw new InputError(
        `${file} was written by an older turncoat (store schema ${identity.version}, this one reads ${SCHEMA_VERSION}); ` +
          `upgrade it once with \`turncoat store upgrade --out ${outDir}\` (reading commands never change a store)`,
      );
    }
    if (identity.version > SCHEMA_VERSION) throw newer(identity.version);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/**
 * Opens any SQLite file read-only, whatever it holds (no identity or schema checks): the
 * floor under `openDatabaseReadOnly` and `turncoat store check`.
 */
export function openFileReadOnly(file: string): Db {
  noteOpened(file);
  let db: Db | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    db.prepare('SELECT COUNT(*) FROM sqlite_schema').get();
    return db;
  } catch (error) {
    db?.close();
    const code = (error as { code?: string }).code ?? '';
    if (!/^SQLITE_(READONLY|CANTOPEN)/.test(code)) throw damaged(file, error);
    return inMemoryCopy(file);
  }
}

/**
 * A read-only copy of the store in memory: for WAL stores on media where SQLite cannot
 * create the shared-memory file beside them. The WAL header flag is cleared in the copy so
 * SQLite reads it as a plain database image.
 */
function inMemoryCopy(file: string): Db {
  try {
    const image = readFileSync(file);
    if (image.length >= 20 && image[18] === 2 && image[19] === 2) {
      image[18] = 1;
      image[19] = 1;
    }
    return new Database(image, { readonly: true });
  } catch (error) {
    throw damaged(file, error);
  }
}

/**
 * Migrates the existing store in `outDir` to this turncoat's schema (`turncoat store upgrade`).
 * Returns the schema versions before and after.
 */
export function upgradeStore(outDir: string): { file: string; from: number; to: number } {
  const file = join(outDir, STORE_FILE);
  if (!existsSync(file)) throw noResults(outDir);
  const before = openFileReadOnly(file);
  let from: number;
  try {
    const identity = identifyStore(before, file);
    refuseForeign(identity, file);
    from = identity.version;
  } finally {
    before.close();
  }
  openDatabase(outDir, { create: false }).close();
  return { file, from, to: SCHEMA_VERSION };
}

/** Applies every migration newer than the database's version, in one immediate transaction. */
export function migrate(db: Db, migrations: readonly string[] = MIGRATIONS): number {
  // Immediate: two processes opening a new store at once must not both create its tables.
  db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
    const row = db.prepare('SELECT version FROM schema_version').get() as
      { version: number } | undefined;
    const current = row?.version ?? 0;
    if (current > migrations.length) throw newer(current);
    for (let version = current + 1; version <= migrations.length; version++) {
      db.exec(migrations[version - 1]!);
      db.exec('DELETE FROM schema_version');
      db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(version);
    }
    markAsTurncoat(db);
  }).immediate();
  return migrations.length;
}

const newer = (version: number) =>
  new InputError(
    `store schema version ${version} is newer than this turncoat understands (${SCHEMA_VERSION}); upgrade turncoat`,
  );

const noResults = (outDir: string) =>
  new InputError(
    `no results in '${outDir}' (no ${STORE_FILE}); run \`turncoat run --out ${outDir}\` first`,
  );
