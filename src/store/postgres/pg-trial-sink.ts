import type { Db } from '../open-database.js';
import { createTrialWriter, type TrialRecord } from '../trial-writer.js';
import type { PgClient, PgPool } from './pg-database.js';
import { quoted, storeTables, type StoreTable } from './store-tables.js';

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
  // Rows that belong to one trial and point at nothing else but texts.
  const children = tables.filter(
    (t) =>
      t.references.some((r) => r.table === 'trials') &&
      t.references.every((r) => r.table === 'trials' || r.table === 'texts') &&
      (t.identity === undefined || t.identity === 'trial'),
  );
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
  const childRows = new Map(children.map((t) => [t.name, rowOf(t, 'trial = ?')]));
  const forget = scratch.transaction((id: number) => {
    for (const t of [...children].reverse())
      scratch.prepare(`DELETE FROM ${quoted(t.name)} WHERE trial = ?`).run(id);
    scratch.prepare('DELETE FROM trials WHERE id = ?').run(id);
  });
  // Committed PostgreSQL ids of prompts and texts, by their scratch ids.
  const promptIds = new Map<number, number>();
  const textIds = new Map<number, number>();

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

  async function writeOne(record: TrialRecord): Promise<boolean> {
    const { scenario } = record;
    const key = [record.run, record.model, scenario.conditionId, scenario.variant, record.sample];
    writer.write(record);
    const scratchId = (keyOf.get(...key) as { id: number }).id;
    const client = await pool.connect();
    const used = { prompts: new Map<number, number>(), texts: new Map<number, number>() };
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
        const textCols = t.references
          .filter((r) => r.table === 'texts')
          .map((r) => t.columns.indexOf(r.column));
        const trialAt = t.columns.indexOf('trial');
        const flat: unknown[] = [];
        for (const r of rows) {
          const copy = [...r];
          copy[trialAt] = trialId;
          for (const at of textCols) {
            if (copy[at] === null) continue;
            const id = await pgText(client, copy[at] as number);
            used.texts.set(copy[at] as number, id);
            copy[at] = id;
          }
          flat.push(...copy);
        }
        const width = t.columns.length;
        await client.query(
          `INSERT INTO ${quoted(t.name)} (${t.columns.map(quoted).join(', ')}) VALUES ${rows
            .map((_, r) => `(${t.columns.map((__, c) => `$${r * width + c + 1}`).join(', ')})`)
            .join(', ')}`,
          flat,
        );
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
    if (textIds.size > 10_000) textIds.clear();
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
