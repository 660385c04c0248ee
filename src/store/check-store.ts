import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { InputError } from '../errors.js';
import { checkRun, listRuns, messageOf, type RunCheck } from './check-runs.js';
import { openFileReadOnly, STORE_FILE, type Db } from './open-database.js';
import { SCHEMA_VERSION } from './schema.js';
import { identifyStore, refuseForeign } from './store-identity.js';
import { noteOpened } from './store-failure.js';

export type { RunCheck };

export interface StoreCheck {
  file: string;
  bytes: number;
  schema: number;
  /** Set when the file is shorter than its own header says: pages on disk and pages counted. */
  truncated?: { pages: number; headerPages: number; pageSize: number };
  /**
   * `PRAGMA integrity_check`: ['ok'], or SQLite's problems; when the whole-file check cannot
   * finish, its error followed by `table: problem` for each damaged table.
   */
  integrity: string[];
  /** Why the run list itself could not be read (in full), if it could not. */
  runsProblem?: string;
  runs: RunCheck[];
}

/**
 * Checks the store in `outDir` without writing to it: the file's length against its header,
 * SQLite's integrity check (table by table when the whole file's cannot finish), then every
 * run read back on its own, so the user learns which runs are intact and which are damaged.
 * A foreign file is refused (InputError); a damaged one is reported, not thrown.
 * @example checkStore('turncoat-out').runs.filter((r) => !r.intact)
 */
export function checkStore(outDir: string): StoreCheck {
  const file = join(outDir, STORE_FILE);
  if (!existsSync(file)) throw new InputError(`no store to check: ${file} does not exist`);
  const bytes = statSync(file).size;
  const truncated = truncation(file, bytes);
  const base = { file, bytes, ...(truncated ? { truncated } : {}) };
  // Not even the list of tables reads back: nothing in it can be called intact.
  const unreadable = (error: unknown): StoreCheck => {
    const reason = messageOf((error as { cause?: unknown }).cause ?? error);
    return { ...base, schema: 0, integrity: [reason], runsProblem: reason, runs: [] };
  };
  let db: Db;
  try {
    db = openForCheck(file);
  } catch (error) {
    return unreadable(error);
  }
  try {
    let identity;
    try {
      identity = identifyStore(db, file);
    } catch (error) {
      return unreadable(error);
    }
    refuseForeign(identity, file);
    const { runs, problem } = listRuns(db);
    return {
      ...base,
      schema: identity.version,
      integrity: integrity(db),
      ...(problem ? { runsProblem: problem } : {}),
      runs: runs.map((run) => checkRun(db, run)),
    };
  } finally {
    db.close();
  }
}

/**
 * Opens the file read-only so that SQLite reads what is left of a damaged file: a truncated
 * file (shorter than its header says) is refused by SQLite's defensive default, so the check
 * lifts it on this read-only connection. Read-only media fall back to the ordinary open.
 */
function openForCheck(file: string): Db {
  noteOpened(file);
  let db: Db | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    db.unsafeMode(true);
    db.pragma('writable_schema = ON');
    db.prepare('SELECT COUNT(*) FROM sqlite_schema').get();
    return db;
  } catch (error) {
    db?.close();
    if (/^SQLITE_(READONLY|CANTOPEN)/.test((error as { code?: string }).code ?? ''))
      return openFileReadOnly(file);
    throw error;
  }
}

/** The whole file's integrity check, or when it cannot finish, each table's. */
function integrity(db: Db): string[] {
  try {
    const rows = db.pragma('integrity_check', { simple: false }) as object[];
    return rows.flatMap((row) => problemLines(String(Object.values(row)[0])));
  } catch (error) {
    const lines = [messageOf(error)];
    const tables = db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY rootpage")
      .pluck()
      .all() as string[];
    for (const table of tables) {
      try {
        const rows = db.pragma(`integrity_check("${table}")`, { simple: false }) as object[];
        const found = rows.flatMap((row) => problemLines(String(Object.values(row)[0])));
        if (found.join() !== 'ok') lines.push(...found.map((line) => `${table}: ${line}`));
      } catch (tableError) {
        lines.push(`${table}: ${messageOf(tableError)}`);
      }
    }
    return lines;
  }
}

/** SQLite's report without its `*** in database main ***` banner, one problem a line. */
function problemLines(text: string): string[] {
  return text.split('\n').filter((line) => line && !line.startsWith('***'));
}

/** The header's page count against the pages on disk (a truncated copy or a full disk). */
function truncation(file: string, bytes: number): StoreCheck['truncated'] {
  const header = Buffer.alloc(100);
  const fd = openSync(file, 'r');
  try {
    if (readSync(fd, header, 0, 100, 0) < 100) return undefined;
  } finally {
    closeSync(fd);
  }
  if (!header.subarray(0, 16).toString('latin1').startsWith('SQLite format 3')) return undefined;
  const raw = header.readUInt16BE(16);
  const pageSize = raw === 1 ? 65536 : raw;
  // The header's count is valid only when written by the same change as its counter.
  if (header.readUInt32BE(24) !== header.readUInt32BE(92) || pageSize < 512) return undefined;
  const headerPages = header.readUInt32BE(28);
  const pages = Math.floor(bytes / pageSize);
  return headerPages > pages ? { pages, headerPages, pageSize } : undefined;
}

/** True when SQLite found nothing wrong and every run reads back. */
export function storeIsHealthy(check: StoreCheck): boolean {
  return (
    check.integrity.length === 1 &&
    check.integrity[0] === 'ok' &&
    check.truncated === undefined &&
    check.runsProblem === undefined &&
    check.runs.every((r) => r.intact)
  );
}

/** The check as lines for a terminal: the file, its integrity, then one line per run. */
export function formatStoreCheck(check: StoreCheck): string {
  const lines = [
    `store     ${check.file} (${(check.bytes / 1024).toFixed(0)} KiB` +
      (check.schema === 0 ? ')' : `, schema ${check.schema}`) +
      (check.schema > 0 && check.schema < SCHEMA_VERSION
        ? `, older than ${SCHEMA_VERSION}: \`turncoat store upgrade\`)`
        : check.schema === 0
          ? ''
          : ')'),
  ];
  const t = check.truncated;
  if (t) {
    const missing = ((t.headerPages - t.pages) * t.pageSize) / 1024;
    lines.push(
      `file      truncated: ${t.pages} of the ${t.headerPages} pages its header counts are on disk (${missing.toFixed(0)} KiB missing)`,
    );
  }
  lines.push(
    `integrity ${check.integrity.slice(0, 10).join('\n          ')}` +
      (check.integrity.length > 10 ? `\n          ... ${check.integrity.length - 10} more` : ''),
  );
  if (check.runsProblem && check.runs.length === 0) {
    lines.push(
      `runs      unreadable: ${check.runsProblem}`,
      '',
      'Nothing in it can be read back as a run. Restore turncoat.db from a copy, or use another --out.',
    );
  } else if (check.runsProblem) lines.push(`runs      ${check.runsProblem}; runs found in trials:`);
  const width = Math.max(0, ...check.runs.map((r) => r.id.length));
  const counts = check.runs.map((r) => `${r.trials} of ${r.expected ?? '?'} trials`);
  const countWidth = Math.max(0, ...counts.map((c) => c.length));
  check.runs.forEach((r, i) => {
    const state = r.intact ? 'intact' : `DAMAGED: ${r.problem ?? 'unreadable'}`;
    lines.push(
      `${r.id.padEnd(width)}  ${r.status.padEnd(11)}  ${counts[i]!.padStart(countWidth)}  ${state}`,
    );
  });
  if (check.runs.length === 0 && !check.runsProblem) lines.push('(no runs yet)');
  const damaged = check.runs.filter((r) => !r.intact).length;
  if (check.runs.length > 0 && (damaged > 0 || !storeIsHealthy(check))) {
    lines.push(
      '',
      `${check.runs.length - damaged} of ${check.runs.length} runs intact. Restore turncoat.db from a copy, or rerun the damaged runs' commands with a new --out.`,
    );
  }
  return lines.join('\n');
}
