import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../errors.js';
import { STORE_FILE } from '../open-database.js';
import { isPostgresUrl } from './pg-url.js';
import { copyStore, type CopyResult } from './store-copy.js';
import { postgresSink, postgresSource, sqliteSink, sqliteSource } from './store-endpoints.js';

/** Rows between two progress lines of one table. */
const PROGRESS_EVERY = 50_000;

/**
 * `turncoat store copy FROM TO`: each side a folder holding turncoat.db or a postgres:// URL.
 * Prints a progress line per table (and every 50,000 rows of a big one) through `progress`;
 * returns the summary to print.
 * @example await copyStoreCommand('turncoat-out', 'postgres://turncoat@127.0.0.1/turncoat', { progress: console.error })
 */
export async function copyStoreCommand(
  from: string,
  to: string,
  options: { replace: boolean; progress: (line: string) => void },
): Promise<string> {
  if (from === to) throw new InputError(`store copy: FROM and TO are the same store ('${from}')`);
  if (!isPostgresUrl(from) && !existsSync(join(from, STORE_FILE))) {
    throw new InputError(
      `store copy: no ${STORE_FILE} in '${from}'; FROM is a folder holding one, or a postgres:// URL`,
    );
  }
  const source = isPostgresUrl(from) ? await postgresSource(from) : sqliteSource(from);
  let sink;
  try {
    sink = isPostgresUrl(to) ? await postgresSink(to) : sqliteSink(to);
  } catch (error) {
    await source.close();
    throw error;
  }
  options.progress(`copying ${source.label} -> ${sink.label}`);
  let last = { table: '', shown: 0 };
  const result = await copyStore(source, sink, {
    replace: options.replace,
    onProgress: ({ table, copied, total }) => {
      if (table !== last.table) last = { table, shown: 0 };
      if (copied === total || copied - last.shown >= PROGRESS_EVERY) {
        last.shown = copied;
        options.progress(
          `  ${table.padEnd(18)} ${copied.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} rows`,
        );
      }
    },
  });
  return formatCopy(result);
}

/** The summary: every table with rows, and the check that was made. */
export function formatCopy(result: CopyResult): string {
  const nonEmpty = result.tables.filter((t) => t.rows > 0);
  const width = Math.max(5, ...nonEmpty.map((t) => t.name.length));
  return [
    `copied ${result.rows.toLocaleString('en-US')} rows in ${result.tables.length} tables (${nonEmpty.length} with rows) from ${result.from} to ${result.to}`,
    ...nonEmpty.map(
      (t) => `  ${t.name.padEnd(width)} ${t.rows.toLocaleString('en-US').padStart(10)}`,
    ),
    'row counts checked: every table in the destination matches the source.',
  ].join('\n');
}
