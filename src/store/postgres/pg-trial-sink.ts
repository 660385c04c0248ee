import type { Db } from '../open-database.js';
import { createTrialWriter, type TrialRecord } from '../trial-writer.js';
import type { PgClient, PgPool } from './pg-database.js';
import { quoted, storeTables, type StoreTable } from './store-tables.js';

/** Tables of rows shared by many trials, deduplicated by a unique hash. */
const SHARED = new Set(['texts', 'verdict_sets']);

/** Inserts `rows` (all of `t`'s columns, in order) in one statement. */
async function insertRows(client: PgClient, t: StoreTable, rows: unknown[][]): Promise<void> {
  if (rows.length === 0) return;
  const width = t.columns.length;
  await client.query(
    `INSERT INTO ${quoted(t.name)} (${t.columns.map(quoted).join(', ')}) VALUES ${rows
      .map((_, r) => `(${t.columns.map((__, c) => `$${r * width + c + 1}`).join(', ')})`)
      .join(', ')}`,
    rows.flat(),
  );
}

/** Writes finished trials into a PostgreSQL store; async counterpart of TrialWriter.writeBatch. */
export interface PgTrialSink {
  /**
   * Stores each trial in its own transaction: true when stored, false when its key was
   * already stored (by another worker), or the Error that stopped it (nothing of it written).
   */
  writeBatch(records: readonly TrialRecord[]): Promise<(boolean | Error)[]>;
}

/**
 * Trials go to PostgreSQL through a scratch SQLite store (`scratch`, a private temporary
 * file): the one TrialWriter turns a record into rows there, exactly as a SQLite run does,
 * and the trial's rows are then copied to PostgreSQL in one transaction, with new ids for
 * the trial and its shared prompt and texts (deduplicated by their unique keys). The
 * scratch copy is deleted once stored. A trial's key already in PostgreSQL writes nothing.
 */
export function createPgTrialSink(pool: PgPool, scratch: Db): PgTrialSink {
  const writer = createTrialWriter(scratch);
  const tables = storeTables();
  const table = (name: string) => tables.find((t) => t.name === name)!;
  const trials = table('trials');
  const prompts = table('prompts');
  // Rows that belong to one trial and point at nothing else but shared rows (texts, verdict sets).
  const children = tables.filter(
    (t) =>
      t.references.some((r) => r.table === 'trials') &&
      t.references.every((r) => r.table === 'trials' || SHARED.has(r.table)) &&
      (t.identity === undefined || t.identity === 'trial'),
  );
  const setRows = table('verdict_set_rows');
  const keyOf = scratch.prepare(
    'SELECT id FROM trials WHERE run = ? AND model = ? AND condition = ? AND variant = ? AND sample = ?',
  );
  const rowOf = (t: StoreTable, where: string) =>
    scratch
      .prepare(`SELECT ${t.columns.map(quoted).join(', ')} FROM ${quoted(t.name)} WHERE ${where}`)
      .raw(true);
  const trialRow = rowOf(trials, 'id = ?');
  const promptRow = rowOf(prompts, 'id = ?');
  const textRow = scratch.prepare('SELECT hash, body FROM texts WHERE id = ?');
  const setHash = scratch.prepare('SELECT hash FROM verdict_sets WHERE id = ?').pluck();
  const setRowsOf = rowOf(setRows, 'set_id = ? ORDER BY idx');
  const childRows = new Map(children.map((t) => [t.name, rowOf(t, 'trial = ?')]));
  const forget = scratch.transaction((id: number) => {
    for (const t of [...children].reverse())
      scratch.prepare(`DELETE FROM ${quoted(t.name)} WHERE trial = ?`).run(id);
    scratch.prepare('DELETE FROM trials WHERE id = ?').run(id);
  });
  // Committed PostgreSQL ids of prompts and texts, by their scratch ids.
  const promptIds = new Map<number, number>();
  const textIds = new Map<number, number>();
  const setIds = new Map<number, number>();

  async function pgPrompt(client: PgClient, scratchId: number): Promise<number> {
    const known = promptIds.get(scratchId);
    if (known !== undefined) return known;
    const row = promptRow.get(scratchId) as unknown[];
    const cols = prompts.columns.filter((c) => c !== 'id');
    const values = cols.map((c) => row[prompts.columns.indexOf(c)]);
    const unique = ['pack_hash', 'condition', 'variant', 'protocol', 'content_hash'];
    await client.query(
      `INSERT INTO prompts (${cols.map(quoted).join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})
       ON CONFLICT (${unique.join(', ')}) DO NOTHING`,
      values,
    );
    const found = await client.query(
      `SELECT id FROM prompts WHERE ${unique.map((c, i) => `${c} = $${i + 1}`).join(' AND ')}`,
      unique.map((c) => row[prompts.columns.indexOf(c)]),
    );
    return found.rows[0].id as number;
  }

  async function pgText(client: PgClient, scratchId: number): Promise<number> {
    const known = textIds.get(scratchId);
    if (known !== undefined) return known;
    const { hash, body } = textRow.get(scratchId) as { hash: string; body: string };
    await client.query(
      'INSERT INTO texts (hash, body) VALUES ($1, $2) ON CONFLICT (hash) DO NOTHING',
      [hash, body],
    );
    return (await client.query('SELECT id FROM texts WHERE hash = $1', [hash])).rows[0]
      .id as number;
  }

  /**
   * The PostgreSQL id of a scratch verdict set: found by its hash, or stored with its rows.
   * A set another worker is storing at the same moment waits for that worker's commit.
   */
  async function pgVerdictSet(client: PgClient, scratchId: number): Promise<number> {
    const known = setIds.get(scratchId);
    if (known !== undefined) return known;
    const hash = setHash.get(scratchId) as string;
    const added = await client.query(
      'INSERT INTO verdict_sets (hash) VALUES ($1) ON CONFLICT (hash) DO NOTHING RETURNING id',
      [hash],
    );
    if (added.rows.length === 0)
      return (await client.query('SELECT id FROM verdict_sets WHERE hash = $1', [hash])).rows[0]
        .id as number;
    const id = added.rows[0].id as number;
    const rows = (setRowsOf.all(scratchId) as unknown[][]).map((r) => {
      const copy = [...r];
      copy[setRows.columns.indexOf('set_id')] = id;
      return copy;
    });
    await insertRows(client, setRows, rows);
    return id;
  }

  /** The PostgreSQL id of a shared row (a text, a verdict set) a trial's row points at. */
  const pgShared = (client: PgClient, table: string, scratchId: number) =>
    table === 'texts' ? pgText(client, scratchId) : pgVerdictSet(client, scratchId);

  async function writeOne(record: TrialRecord): Promise<boolean> {
    const { scenario } = record;
    const key = [record.run, record.model, scenario.conditionId, scenario.variant, record.sample];
    writer.write(record);
    const scratchId = (keyOf.get(...key) as { id: number }).id;
    const client = await pool.connect();
    const used = {
      prompts: new Map<number, number>(),
      texts: new Map<number, number>(),
      sets: new Map<number, number>(),
    };
    try {
      await client.query('BEGIN');
      const row = trialRow.get(scratchId) as unknown[];
      const cols = trials.columns.filter((c) => c !== 'id');
      const values = cols.map((c) => row[trials.columns.indexOf(c)]);
      const promptAt = cols.indexOf('prompt_id');
      if (values[promptAt] !== null) {
        const id = await pgPrompt(client, values[promptAt] as number);
        used.prompts.set(values[promptAt] as number, id);
        values[promptAt] = id;
      }
      const inserted = await client.query(
        `INSERT INTO trials (${cols.map(quoted).join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})
         ON CONFLICT (run, model, condition, variant, sample) DO NOTHING RETURNING id`,
        values,
      );
      if (inserted.rows.length === 0) {
        await client.query('ROLLBACK');
        forget(scratchId);
        return false;
      }
      const trialId = inserted.rows[0].id as number;
      for (const t of children) {
        const rows = childRows.get(t.name)!.all(scratchId) as unknown[][];
        if (rows.length === 0) continue;
        const sharedCols = t.references
          .filter((r) => SHARED.has(r.table))
          .map((r) => ({ at: t.columns.indexOf(r.column), table: r.table }));
        const trialAt = t.columns.indexOf('trial');
        const copies: unknown[][] = [];
        for (const r of rows) {
          const copy = [...r];
          copy[trialAt] = trialId;
          for (const { at, table } of sharedCols) {
            if (copy[at] === null) continue;
            const id = await pgShared(client, table, copy[at] as number);
            used[table === 'texts' ? 'texts' : 'sets'].set(copy[at] as number, id);
            copy[at] = id;
          }
          copies.push(copy);
        }
        await insertRows(client, t, copies);
      }
      // A stored trial needs no lease any more (see pg-trial-leases.ts).
      await client.query(
        'DELETE FROM trial_leases WHERE run = $1 AND model = $2 AND condition = $3 AND variant = $4 AND sample = $5',
        key,
      );
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      forget(scratchId);
      throw error;
    } finally {
      client.release();
    }
    for (const [a, b] of used.prompts) promptIds.set(a, b);
    for (const [a, b] of used.texts) textIds.set(a, b);
    for (const [a, b] of used.sets) setIds.set(a, b);
    if (textIds.size > 10_000) textIds.clear();
    if (setIds.size > 10_000) setIds.clear();
    forget(scratchId);
    return true;
  }

  return {
    writeBatch: (records) =>
      Promise.all(
        records.map((record) =>
          writeOne(record).catch((error: unknown) =>
            error instanceof Error ? error : new Error(String(error)),
          ),
        ),
      ),
  };
}
