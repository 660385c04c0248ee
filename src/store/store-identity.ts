import { dirname } from 'node:path';
import { InputError } from '../errors.js';
import type { Db } from './open-database.js';

/**
 * Marks a SQLite file as a turncoat store (`PRAGMA application_id`, the bytes "TRNC").
 * Stores made before the mark existed are recognised by their tables.
 */
export const APPLICATION_ID = 0x54524e43;

/** Tables every turncoat store has had since its first schema. */
const TURNCOAT_TABLES = ['schema_version', 'runs', 'trials'] as const;

export interface StoreIdentity {
  kind: 'empty' | 'turncoat' | 'foreign';
  /** The store's schema version (0 when empty or foreign). */
  version: number;
  applicationId: number;
  /** The file's tables (for the message about a foreign file). */
  tables: string[];
}

/**
 * What a SQLite file is, read without writing anything: empty (a new store), a turncoat
 * store (our application id, or the tables of one from before the id), or something else.
 * A file SQLite cannot read at all is an InputError naming it.
 */
export function identifyStore(db: Db, file: string): StoreIdentity {
  try {
    const applicationId = Number(db.pragma('application_id', { simple: true }));
    const tables = (
      db
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .pluck()
        .all() as string[]
    ).filter((name) => !name.startsWith('sqlite_'));
    const hasSchema = TURNCOAT_TABLES.every((t) => tables.includes(t));
    const version = hasSchema
      ? ((db.prepare('SELECT MAX(version) FROM schema_version').pluck().get() as number | null) ??
        0)
      : 0;
    const ours = applicationId === APPLICATION_ID || (applicationId === 0 && hasSchema);
    const kind =
      applicationId !== 0 && applicationId !== APPLICATION_ID
        ? 'foreign'
        : tables.length === 0
          ? 'empty'
          : ours
            ? 'turncoat'
            : 'foreign';
    return { kind, version, applicationId, tables };
  } catch (error) {
    throw damaged(file, error);
  }
}

/** The InputError for a file SQLite cannot read as a store: names it and what to do. */
export function damaged(file: string, error: unknown): InputError {
  const reason = error instanceof Error ? error.message : String(error);
  const failure = new InputError(
    `${file} cannot be read as a turncoat store (${reason}); it was left as it is. ` +
      `If it is a damaged store, \`turncoat store check --out ${dirname(file)}\` says which runs are intact; ` +
      'restore it from a copy, or point --out at another directory.',
  );
  failure.cause = error;
  return failure;
}

/** Throws an InputError (the file untouched) unless the identity is a turncoat store or empty. */
export function refuseForeign(identity: StoreIdentity, file: string): void {
  if (identity.kind !== 'foreign') return;
  const what =
    identity.applicationId !== 0 && identity.applicationId !== APPLICATION_ID
      ? `another program's database (application id 0x${identity.applicationId.toString(16)})`
      : `a SQLite database with other tables (${identity.tables.slice(0, 5).join(', ')}${identity.tables.length > 5 ? ', ...' : ''})`;
  throw new InputError(
    `${file} is not a turncoat store: it is ${what}. It was left untouched; ` +
      'point --out at a directory holding a turncoat.db made by `turncoat run` or `turncoat import`.',
  );
}

/** Sets the application id on a store that lacks it (inside the migration transaction). */
export function markAsTurncoat(db: Db): void {
  if (Number(db.pragma('application_id', { simple: true })) !== APPLICATION_ID) {
    db.pragma(`application_id = ${APPLICATION_ID}`);
  }
}
