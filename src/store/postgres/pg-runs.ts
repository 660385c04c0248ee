import { InputError } from '../../errors.js';
import {
  fromRow,
  type RunRecord,
  type RunRow,
  type RunStatus,
  type OpenRunInput,
} from '../runs.js';
import type { PgPool } from './pg-database.js';

/**
 * Finds the run with this plan hash or creates it (one statement, safe when several
 * processes start the same plan at once), like `openRun` for SQLite: an existing run is
 * marked running and its samples raised to `samples` when larger.
 */
export async function openRunPg(
  pool: PgPool,
  input: OpenRunInput,
  now = new Date().toISOString(),
): Promise<{ run: RunRecord; resumed: boolean }> {
  const result = await pool.query(
    `INSERT INTO runs (id, created, updated, plan, plan_hash, pack_hashes, samples, tool_version, status)
     VALUES ($1, $2, $2, $3, $4, $5, $6, $7, 'running')
     ON CONFLICT (plan_hash) DO UPDATE SET samples = GREATEST(runs.samples, EXCLUDED.samples),
       status = 'running', updated = EXCLUDED.updated, tool_version = EXCLUDED.tool_version
     RETURNING *, (xmax = 0) AS inserted`,
    [
      input.id,
      now,
      JSON.stringify(input.plan),
      input.planHash,
      JSON.stringify(input.packHashes),
      input.samples,
      input.toolVersion,
    ],
  );
  const row = result.rows[0] as RunRow & { inserted: boolean };
  return { run: fromRow(row), resumed: !row.inserted };
}

/** The run `id`, marked running; InputError naming the known runs when there is none. */
export async function joinRunPg(pool: PgPool, id: string): Promise<RunRecord> {
  const result = await pool.query(
    `UPDATE runs SET status = 'running', updated = $2 WHERE id = $1 RETURNING *`,
    [id, new Date().toISOString()],
  );
  if (result.rows.length === 0) {
    const known = await pool.query('SELECT id FROM runs ORDER BY updated DESC LIMIT 20');
    throw new InputError(
      `unknown run '${id}'; valid: ${known.rows.map((r: { id: string }) => r.id).join(', ') || '(no runs yet)'}`,
    );
  }
  return fromRow(result.rows[0] as RunRow);
}

/** The run `id` as stored now. */
export async function getRunPg(pool: PgPool, id: string): Promise<RunRecord> {
  const result = await pool.query('SELECT * FROM runs WHERE id = $1', [id]);
  return fromRow(result.rows[0] as RunRow);
}

export async function setRunStatusPg(pool: PgPool, id: string, status: RunStatus): Promise<void> {
  await pool.query('UPDATE runs SET status = $1, updated = $2 WHERE id = $3', [
    status,
    new Date().toISOString(),
    id,
  ]);
}

/** Stored trials of a run with sample index below `samples`, per model. */
export async function countStoredPg(
  pool: PgPool,
  runId: string,
  samples: number,
): Promise<Record<string, number>> {
  const result = await pool.query(
    'SELECT model, COUNT(*) AS n FROM trials WHERE run = $1 AND sample < $2 GROUP BY model',
    [runId, samples],
  );
  return Object.fromEntries(result.rows.map((r: { model: string; n: number }) => [r.model, r.n]));
}
