import { InputError } from '../../errors.js';
import type { StoreSink, StoreSource } from './store-endpoints.js';
import { storeTables, type StoreTable } from './store-tables.js';

/** How far a copy has got: after each batch of one table. */
export interface CopyProgress {
  table: string;
  copied: number;
  total: number;
}

/** What was copied: rows per table, each checked against the source's count. */
export interface CopyResult {
  from: string;
  to: string;
  tables: { name: string; rows: number }[];
  rows: number;
}

export interface CopyOptions {
  /** Empty a destination that already holds rows (refused otherwise). */
  replace?: boolean;
  /** Rows per batch read and written. */
  batch?: number;
  onProgress?: (progress: CopyProgress) => void;
}

/**
 * Copies every table of the store from `source` to `sink` (SQLite or PostgreSQL either
 * way), keeping every id, in the destination's one transaction: a copy that fails leaves
 * the destination as it was. A destination that already holds rows is refused unless
 * `replace`. Each table's row count in the destination is checked against the source's
 * before the commit.
 * @example await copyStore(sqliteSource('turncoat-out'), await postgresSink(url))
 */
export async function copyStore(
  source: StoreSource,
  sink: StoreSink,
  options: CopyOptions = {},
): Promise<CopyResult> {
  const tables: StoreTable[] = storeTables();
  const batch = options.batch ?? 2_000;
  try {
    const existing = await sink.rowCount(tables);
    if (existing > 0) {
      if (!options.replace) {
        throw new InputError(
          `${sink.label} already holds ${existing.toLocaleString('en-US')} rows; copy into an empty store, or pass --replace to overwrite it`,
        );
      }
      await sink.clear(tables);
    }
    const copied: CopyResult['tables'] = [];
    for (const table of tables) {
      const total = await source.count(table);
      let done = 0;
      for await (const rows of source.rows(table, batch)) {
        await sink.insert(table, rows);
        done += rows.length;
        options.onProgress?.({ table: table.name, copied: done, total });
      }
      const landed = await sink.count(table);
      if (landed !== total) {
        throw new Error(
          `copy of table ${table.name} is incomplete: ${landed} rows in ${sink.label}, ${total} in ${source.label}; nothing was written`,
        );
      }
      copied.push({ name: table.name, rows: total });
    }
    await sink.commit(tables);
    return {
      from: source.label,
      to: sink.label,
      tables: copied,
      rows: copied.reduce((n, t) => n + t.rows, 0),
    };
  } finally {
    await Promise.allSettled([sink.close(), source.close()]);
  }
}
