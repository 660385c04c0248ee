/**
 * Provider batches in the store (`turncoat run --batch`): each batch a run submitted, and
 * which trial turn each of its requests carries. A restarted run looks its requests up here
 * and waits on the batch already paid for instead of submitting them again.
 */
import type { ModelResponse } from '../agent/model.js';
import type { Db } from './open-database.js';

export type BatchApiName = 'openai' | 'anthropic';

/** One trial turn inside a batch: `customId` is the provider's per-request id. */
export interface BatchRequestRow {
  customId: string;
  condition: string;
  variant: number;
  sample: number;
  /** 1-based model call of the trial (a tool-protocol trial has one per round). */
  step: number;
}

export interface BatchRow {
  id: string;
  run: string;
  model: string;
  api: BatchApiName;
  baseURL: string;
  status: string;
  requests: number;
  submittedAt: string;
  endedAt: string | null;
}

/** What the store knows of one request id, over every batch that carried it. */
export type StoredRequest =
  | { state: 'ok'; response: ModelResponse }
  /** In a batch whose results are not read yet. */
  | { state: 'submitted'; batch: BatchRow; failures: number }
  /** Not in flight: `failures` earlier attempts failed (0 when never submitted). */
  | { state: 'none'; failures: number; lastError?: string };

export interface BatchResultRow {
  customId: string;
  response?: ModelResponse;
  error?: string;
}

/** Store access for batches, prepared once per database. */
export interface BatchStore {
  record(batch: Omit<BatchRow, 'endedAt' | 'requests'>, requests: BatchRequestRow[]): void;
  lookup(customId: string): StoredRequest;
  setStatus(batchId: string, status: string): void;
  /** Reads a finished batch's results in: every request it carried ends `ok` or `error`. */
  finish(batchId: string, status: string, results: BatchResultRow[], missing: string): void;
  batches(run: string): BatchRow[];
}

/**
 * Opens the batch tables of `db` (created by the schema's migrations).
 * @example const batches = batchStore(db); batches.lookup(customId).state // 'none'
 */
export function batchStore(db: Db): BatchStore {
  const insertBatch = db.prepare(
    `INSERT INTO batches (id, run, model, api, base_url, status, requests, submitted_at)
     VALUES (@id, @run, @model, @api, @baseURL, @status, @requests, @submittedAt)`,
  );
  const insertRequest = db.prepare(
    `INSERT INTO batch_requests (batch, custom_id, condition, variant, sample, step, status)
     VALUES (?, ?, ?, ?, ?, ?, 'submitted')`,
  );
  const rowsFor = db.prepare<[string], { status: string; response: string | null; error: string | null; batch: string }>(
    `SELECT r.status, r.response, r.error, r.batch FROM batch_requests r
     JOIN batches b ON b.id = r.batch WHERE r.custom_id = ? ORDER BY b.submitted_at, b.rowid`,
  ); // prettier-ignore
  const batchById = db.prepare<[string], BatchRow>(`${SELECT_BATCH} WHERE id = ?`);
  const updateStatus = db.prepare('UPDATE batches SET status = ? WHERE id = ?');
  const endBatch = db.prepare('UPDATE batches SET status = ?, ended_at = ? WHERE id = ?');
  const setResult = db.prepare(
    `UPDATE batch_requests SET status = ?, response = ?, error = ? WHERE batch = ? AND custom_id = ?`,
  );
  const markMissing = db.prepare(
    `UPDATE batch_requests SET status = 'error', error = ? WHERE batch = ? AND status = 'submitted'`,
  );
  const runBatches = db.prepare<[string], BatchRow>(
    `${SELECT_BATCH} WHERE run = ? ORDER BY submitted_at, rowid`,
  );

  const record = db.transaction(
    (batch: Omit<BatchRow, 'endedAt' | 'requests'>, requests: BatchRequestRow[]) => {
      insertBatch.run({ ...batch, requests: requests.length });
      for (const r of requests)
        insertRequest.run(batch.id, r.customId, r.condition, r.variant, r.sample, r.step);
    },
  );
  const finish = db.transaction(
    (batchId: string, status: string, results: BatchResultRow[], missing: string) => {
      for (const r of results) {
        if (r.response) setResult.run('ok', JSON.stringify(r.response), null, batchId, r.customId);
        else setResult.run('error', null, r.error ?? 'failed', batchId, r.customId);
      }
      markMissing.run(missing, batchId);
      endBatch.run(status, new Date().toISOString(), batchId);
    },
  );

  return {
    record: (batch, requests) => record.immediate(batch, requests),
    lookup(customId) {
      let failures = 0;
      let lastError: string | undefined;
      for (const row of rowsFor.all(customId)) {
        if (row.status === 'ok') return { state: 'ok', response: JSON.parse(row.response!) };
        if (row.status === 'submitted')
          return { state: 'submitted', batch: batchById.get(row.batch)!, failures };
        failures++;
        lastError = row.error ?? undefined;
      }
      return { state: 'none', failures, ...(lastError ? { lastError } : {}) };
    },
    setStatus: (batchId, status) => void updateStatus.run(status, batchId),
    finish: (batchId, status, results, missing) =>
      finish.immediate(batchId, status, results, missing),
    batches: (run) => runBatches.all(run),
  };
}

const SELECT_BATCH = `SELECT id, run, model, api, base_url AS baseURL, status, requests,
  submitted_at AS submittedAt, ended_at AS endedAt FROM batches`;
