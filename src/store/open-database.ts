import { mkdirSync, accessSync, constants } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { InputError } from '../errors.js';
import { MIGRATIONS, SCHEMA_VERSION } from './schema.js';

export type Db = Database.Database;

/** The store's file name inside an output directory. */
export const STORE_FILE = 'turncoat.db';

/**
 * Opens (creating when asked) `<outDir>/turncoat.db` in WAL mode with `synchronous=NORMAL`
 * and brings its schema up to date. A store written by a newer turncoat is refused.
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
  }
  let db: Db;
  try {
    db = new Database(file, { fileMustExist: !create });
  } catch (error) {
    if (!create) {
      throw new InputError(
        `no results in '${outDir}' (no ${STORE_FILE}); run \`turncoat run --out ${outDir}\` first`,
      );
    }
    throw new InputError(`cannot open store ${file}: ${(error as Error).message}`);
  }
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

/** Applies every migration newer than the database's version, each in its own transaction. */
export function migrate(db: Db, migrations: readonly string[] = MIGRATIONS): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  const row = db.prepare('SELECT version FROM schema_version').get() as
    { version: number } | undefined;
  const current = row?.version ?? 0;
  if (current > migrations.length) {
    throw new InputError(
      `store schema version ${current} is newer than this turncoat understands (${SCHEMA_VERSION}); upgrade turncoat`,
    );
  }
  for (let version = current + 1; version <= migrations.length; version++) {
    db.transaction(() => {
      db.exec(migrations[version - 1]!);
      db.exec('DELETE FROM schema_version');
      db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(version);
    })();
  }
  return migrations.length;
}
