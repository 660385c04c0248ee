/**
 * SQLite failures that reach the CLI, told as what happened to which store and what to do.
 * No imports: the CLI loads this at start-up.
 */

/** Store files opened by this process, most recent last (the one a failure is about). */
const opened: string[] = [];

/** Remembers that `file` was opened, so a later SQLite failure can name it. */
export function noteOpened(file: string): void {
  opened.push(file);
  if (opened.length > 8) opened.shift();
}

/**
 * A message for an error SQLite raised on a store (damaged, not a database, read-only,
 * busy), or undefined when `error` is something else.
 * @example describeStoreFailure(err) // { message: 'turncoat-out/turncoat.db is damaged (...) ...', badInput: true }
 */
export function describeStoreFailure(
  error: unknown,
): { message: string; badInput: boolean } | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return undefined;
  const file = opened.at(-1) ?? 'the store';
  const dir = file.replace(/[/\\][^/\\]*$/, '') || '.';
  const reason = error instanceof Error ? error.message : code;
  if (/^SQLITE_(CORRUPT|NOTADB)/.test(code)) {
    const message =
      `${file} is damaged (${reason}). Nothing more was written to it. ` +
      `\`turncoat store check --out ${dir}\` says which runs are intact; restore the file from a copy or use another --out.`;
    return { message, badInput: true };
  }
  if (code.startsWith('SQLITE_READONLY')) {
    const message = `${file} is read-only (${reason}); commands that write (run, judge, label, import) need a writable --out directory.`;
    return { message, badInput: true };
  }
  if (code.startsWith('SQLITE_BUSY')) {
    const message = `${file} stayed busy: another process held it too long (${reason}). Try again when it has finished.`;
    return { message, badInput: false };
  }
  if (code.startsWith('SQLITE_FULL') || code.startsWith('SQLITE_IOERR')) {
    return {
      message: `${file} could not be written (${reason}); check the disk it is on.`,
      badInput: false,
    };
  }
  return undefined;
}
