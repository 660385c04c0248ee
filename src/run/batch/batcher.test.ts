/**
 * The batcher on its own, over a provider that never finishes: a cancelled trial stops
 * waiting at once, and its batch stays in the store for a rerun to pick up.
 */
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import type { ModelRequest } from '../../agent/model.js';
import { migrate } from '../../store/open-database.js';
import { batchStore } from '../../store/batches.js';
import type { BatchApi, BatchProgress } from './batch-api.js';
import { Batcher } from './batcher.js';

const request: ModelRequest = { system: 's', messages: [{ role: 'user', content: 'u' }], settings: {}, sample: 0, seed: 1 }; // prettier-ignore
const row = (customId: string) => ({ customId, condition: 'c', variant: 0, sample: 0, step: 1 });

it('stops waiting when the run is cancelled; the submitted batch stays stored', async () => {
  const db = new Database(':memory:');
  migrate(db);
  const polls: string[] = [];
  const running = (id: string): BatchProgress => ({ id, status: 'in_progress', ended: false, total: 2, succeeded: 0, failed: 0 }); // prettier-ignore
  const api: BatchApi = {
    api: 'openai',
    baseURL: 'http://provider.invalid/v1',
    submit: async (lines) => ({ ...running('batch_1'), total: lines.length }),
    poll: async (id) => (polls.push(id), running(id)),
    results: () => Promise.reject(new Error('never ends')),
  };
  const store = batchStore(db);
  const batcher = new Batcher({ api, store, run: 'run-1', model: 'openai:gpt-4.1', pollMs: 5, gatherMs: 5, maxRequests: 100, attempts: 3 }); // prettier-ignore
  const cancel = new AbortController();
  const calls = ['a', 'b'].map((id) => batcher.request({ customId: id, request }, row(id), cancel.signal)); // prettier-ignore
  while (polls.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
  cancel.abort(new Error('cancelled by the user'));
  for (const call of calls) await expect(call).rejects.toThrow('cancelled by the user');
  batcher.close();
  expect(store.batches('run-1')).toMatchObject([{ id: 'batch_1', requests: 2, endedAt: null }]);
  expect(store.lookup('a')).toMatchObject({ state: 'submitted', batch: { id: 'batch_1' } });
  db.close();
});
