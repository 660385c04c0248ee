import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ModelResponse } from '../agent/model.js';
import { groupCommit } from '../run/group-commit.js';
import { ALONE_AFTER_MS, COMMIT_WINDOW_MS, deferWrite } from './deferred-writes.js';
import { createResponseCache } from './response-cache.js';
import { openRun } from './runs.js';
import { openStore, type Store } from './store.js';
import { sampleRecord, sampleRunInput } from './test-support/sample-trial.js';

let dir: string;
let store: Store;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'turncoat-deferred-'));
  store = openStore(dir);
  openRun(store.db, sampleRunInput(3));
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** What another process sees: only committed rows. */
function committed(sql: string): number {
  const other = new Database(store.db.name, { readonly: true });
  try {
    return other.prepare(sql).pluck().get() as number;
  } finally {
    other.close();
  }
}
const cachedReplies = () => committed('SELECT COUNT(*) FROM response_cache');
const storedTrials = () => committed('SELECT COUNT(*) FROM trials');
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Past the window a deferred write waits for a transaction to ride with. */
const tick = () => wait(ALONE_AFTER_MS + 5);
const response: ModelResponse = { text: 'ok', finishReason: 'stop', toolCalls: [], usage: { inputTokens: 1, outputTokens: 1 }, latencyMs: 1 }; // prettier-ignore

describe('deferred writes', () => {
  it("a reply cached just before its trial is queued commits with the run's group commit, not alone first", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate'] });
    try {
      const cache = createResponseCache(store.db);
      const commit = groupCommit(store.writer);
      cache.put('k1', response); // the answer comes in...
      const stored = commit.queue(sampleRecord('run-a', 0)); // ...its trial is scored and queued
      // The group commit's window ends: its commit is due a turn later; the reply still waits.
      await vi.advanceTimersByTimeAsync(COMMIT_WINDOW_MS);
      expect(cachedReplies()).toBe(storedTrials());
      await vi.advanceTimersByTimeAsync(1);
      expect(await stored).toBe(true);
      // One commit held both (the reply rode with the trial).
      expect([storedTrials(), cachedReplies()]).toEqual([1, 1]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a reply cached in the same turn as a trial batch is committed with that batch', () => {
    const cache = createResponseCache(store.db);
    cache.put('k1', response);
    expect(cachedReplies()).toBe(0);
    expect(store.writer.writeBatch([sampleRecord('run-a', 0)])).toEqual([true]);
    // Both are visible to another connection at once, before any timer ran.
    expect(storedTrials()).toBe(1);
    expect(cachedReplies()).toBe(1);
  });

  it('without a trial to ride with, a cached reply is committed alone once the window ends', async () => {
    const cache = createResponseCache(store.db);
    cache.put('k1', response);
    cache.put('k2', response);
    await wait(1);
    // Still waiting for a trial batch to share a commit with.
    expect(cachedReplies()).toBe(0);
    await tick();
    expect(cachedReplies()).toBe(2);
    expect(cache.get('k2')).toEqual(response);
  });

  it('a reply cached just before the store closes is committed by the close, not dropped', () => {
    const cache = createResponseCache(store.db);
    cache.put('k1', response);
    store.close();
    store = openStore(dir);
    expect(createResponseCache(store.db).get('k1')).toEqual(response);
  });

  it('a deferred write that fails inside a batch leaves the trials stored and runs again alone', async () => {
    store.db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    const insert = store.db.prepare('INSERT INTO notes (body) VALUES (?)');
    let calls = 0;
    const note = store.db.transaction(() => {
      calls++;
      insert.run('written');
      if (calls === 1) throw new Error('busy the first time');
    });
    deferWrite(store.db, () => note.immediate());
    expect(store.writer.writeBatch([sampleRecord('run-a', 0), sampleRecord('run-a', 1)])).toEqual([
      true,
      true,
    ]);
    expect(storedTrials()).toBe(2);
    // Its own savepoint was rolled back; nothing of the failed attempt is left.
    expect(committed('SELECT COUNT(*) FROM notes')).toBe(0);
    await tick();
    expect(calls).toBe(2);
    expect(committed('SELECT COUNT(*) FROM notes')).toBe(1);
  });
  it('leaves no timer behind once a transaction took the deferred writes (the process can exit)', () => {
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const cache = createResponseCache(store.db);
    const before = timers();
    cache.put('k1', response);
    expect(timers()).toBe(before + 1); // the write-alone timer, while the reply waits
    store.writer.writeBatch([sampleRecord('run-a', 0)]);
    expect([storedTrials(), cachedReplies()]).toEqual([1, 1]);
    expect(timers()).toBe(before);
  });
});
