/**
 * Gathers the model calls of many trials into provider batches. A call waits in the batcher
 * until no new call has come for `gatherMs` (all trials of a round have asked), then every
 * waiting call goes out in one batch; each trial resumes when its result is read. So
 * single-turn trials go in one batch, and tool-protocol trials go round by round.
 *
 * Every batch and the trial turns it carries are written to the store before anything waits
 * on it: a restarted run finds its calls there and waits on the batch already submitted (or
 * takes the stored result) instead of paying again. A request that fails inside a batch goes
 * into a later batch, up to `attempts` in all; then its trial records the error.
 */
import type { ModelResponse } from '../../agent/model.js';
import { ProviderError } from '../../agent/providers/classify-error.js';
import type { BatchRequestRow, BatchStore } from '../../store/batches.js';
import type { BatchApi, BatchLine, BatchProgress } from './batch-api.js';

/** What the batcher tells whoever shows progress. */
export type BatchEvent =
  | { type: 'submitted'; model: string; batch: BatchProgress; requests: number; retried: number }
  | { type: 'resumed'; model: string; batch: string }
  | { type: 'progress'; model: string; batch: BatchProgress }
  | { type: 'ended'; model: string; batch: BatchProgress; succeeded: number; failed: number; retrying: number } // prettier-ignore
  | { type: 'poll-failed'; model: string; batch: string; message: string };

export interface BatcherOptions {
  api: BatchApi;
  store: BatchStore;
  run: string;
  model: string;
  /** How often a submitted batch is polled. */
  pollMs: number;
  /** A batch goes out once no new call has come for this long. */
  gatherMs: number;
  /** Most requests in one batch (OpenAI takes 50,000, Anthropic 100,000). */
  maxRequests: number;
  /** Tries per request, the first included (failures inside a batch, failed submissions). */
  attempts: number;
  onEvent?: (event: BatchEvent) => void;
}

interface Waiter {
  resolve(response: ModelResponse): void;
  reject(error: Error): void;
}

interface Pending {
  line: BatchLine;
  row: BatchRequestRow;
  waiters: Set<Waiter>;
}

/** Consecutive failed polls of one batch before its waiting trials give up (it stays stored). */
const MAX_POLL_FAILURES = 20;

export class Batcher {
  private readonly pending = new Map<string, Pending>();
  /** Batch id -> the requests of it trials wait on. */
  private readonly watched = new Map<string, Map<string, Pending>>();
  private gatherTimer: NodeJS.Timeout | undefined;
  private firstPendingAt = 0;
  private submitFailures = 0;
  private closed = false;
  private readonly aborts = new WeakMap<AbortSignal, Set<() => void>>();

  constructor(private readonly options: BatcherOptions) {}

  /**
   * The response to one trial turn: from the store when a batch already answered it, from
   * the batch that carries it when one does, else from the next batch submitted.
   */
  request(line: BatchLine, row: BatchRequestRow, signal?: AbortSignal): Promise<ModelResponse> {
    signal?.throwIfAborted();
    const stored = this.options.store.lookup(line.customId);
    if (stored.state === 'ok') return Promise.resolve(stored.response);
    return new Promise<ModelResponse>((resolve, reject) => {
      const entry = this.entryFor(line, row, stored);
      if (!entry) return reject(exhausted(this.options.attempts, this.lastError(line.customId)));
      const cancel = () => {
        entry.waiters.delete(waiter);
        if (entry.waiters.size === 0) this.pending.delete(line.customId);
        reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
      };
      const settled = () => signal && this.aborts.get(signal)?.delete(cancel);
      const waiter: Waiter = {
        resolve: (response) => (settled(), resolve(response)),
        reject: (error) => (settled(), reject(error)),
      };
      entry.waiters.add(waiter);
      if (signal) this.onAbort(signal, cancel);
    });
  }

  /** One listener per signal (a run's trials share one), however many calls wait on it. */
  private onAbort(signal: AbortSignal, cancel: () => void): void {
    let cancels = this.aborts.get(signal);
    if (!cancels) {
      const set = new Set<() => void>();
      cancels = set;
      this.aborts.set(signal, set);
      signal.addEventListener('abort', () => [...set].forEach((c) => c()), { once: true });
    }
    cancels.add(cancel);
  }

  private entryFor(
    line: BatchLine,
    row: BatchRequestRow,
    stored: Exclude<ReturnType<BatchStore['lookup']>, { state: 'ok' }>,
  ): Pending | undefined {
    if (stored.state === 'submitted') {
      const entry = { line, row, waiters: new Set<Waiter>() };
      const requests = this.watch(stored.batch.id, true, [entry]);
      if (!requests.has(line.customId)) requests.set(line.customId, entry);
      return requests.get(line.customId);
    }
    if (stored.failures >= this.options.attempts) return undefined;
    return this.enqueue(line, row);
  }

  private enqueue(line: BatchLine, row: BatchRequestRow, waiters = new Set<Waiter>()): Pending {
    const existing = this.pending.get(line.customId);
    if (existing) {
      for (const w of waiters) existing.waiters.add(w);
      return existing;
    }
    const entry: Pending = { line, row, waiters };
    if (this.pending.size === 0) this.firstPendingAt = Date.now();
    this.pending.set(line.customId, entry);
    this.scheduleFlush();
    return entry;
  }

  private scheduleFlush(delayMs = this.options.gatherMs): void {
    clearTimeout(this.gatherTimer);
    if (this.pending.size >= this.options.maxRequests) delayMs = 0;
    // A steady trickle of calls must not hold a round back for ever.
    const waited = Date.now() - this.firstPendingAt;
    if (waited >= this.options.gatherMs * 10) delayMs = 0;
    this.gatherTimer = setTimeout(() => void this.flush(), delayMs);
  }

  private async flush(): Promise<void> {
    const entries = [...this.pending.values()].slice(0, this.options.maxRequests);
    if (entries.length === 0) return;
    for (const e of entries) this.pending.delete(e.line.customId);
    if (this.pending.size > 0) {
      this.firstPendingAt = Date.now();
      this.scheduleFlush(0);
    }
    const { api, store, run, model } = this.options;
    let progress: BatchProgress;
    try {
      progress = await api.submit(entries.map((e) => e.line));
    } catch (error) {
      this.submitFailures++;
      const failure = ProviderError.from(error);
      if (failure.category === 'auth' || this.submitFailures >= this.options.attempts) {
        for (const e of entries) for (const w of e.waiters) w.reject(failure);
        return;
      }
      for (const e of entries) this.enqueue(e.line, e.row, e.waiters);
      this.scheduleFlush(this.options.pollMs);
      return;
    }
    this.submitFailures = 0;
    const retried = entries.filter((e) => {
      const stored = store.lookup(e.line.customId);
      return stored.state === 'none' && stored.failures > 0;
    }).length;
    store.record(
      {
        id: progress.id,
        run,
        model,
        api: api.api,
        baseURL: api.baseURL,
        status: progress.status,
        submittedAt: new Date().toISOString(),
      },
      entries.map((e) => e.row),
    );
    this.watch(progress.id, false, entries);
    this.options.onEvent?.({
      type: 'submitted',
      model,
      batch: progress,
      requests: entries.length,
      retried,
    });
  }

  /** The requests waiting on batch `id`; starts polling it the first time. */
  private watch(id: string, resumed: boolean, entries: Pending[] = []): Map<string, Pending> {
    let requests = this.watched.get(id);
    if (requests) return requests;
    requests = new Map(entries.map((e) => [e.line.customId, e]));
    this.watched.set(id, requests);
    if (resumed) this.options.onEvent?.({ type: 'resumed', model: this.options.model, batch: id });
    void this.poll(id, requests, Date.now(), 0, '');
    return requests;
  }

  private async poll(
    id: string,
    requests: Map<string, Pending>,
    since: number,
    failures: number,
    lastStatus: string,
  ): Promise<void> {
    // Polling keeps the process alive only while a trial waits on this batch (asked after
    // the caller has added its waiter).
    await Promise.resolve();
    await sleep(
      this.options.pollMs,
      [...requests.values()].some((e) => e.waiters.size > 0),
    );
    if (this.closed) return;
    const { api, store, model } = this.options;
    let progress: BatchProgress;
    try {
      progress = await api.poll(id);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.options.onEvent?.({ type: 'poll-failed', model, batch: id, message });
      if (failures + 1 >= MAX_POLL_FAILURES) return this.abandon(id, requests, error);
      return this.poll(id, requests, since, failures + 1, lastStatus);
    }
    const key = `${progress.status}:${progress.succeeded}:${progress.failed}`;
    if (key !== lastStatus && !progress.ended) {
      store.setStatus(id, progress.status);
      this.options.onEvent?.({ type: 'progress', model, batch: progress });
    }
    if (!progress.ended) return this.poll(id, requests, since, 0, key);
    let results;
    try {
      results = await api.results(id, Date.now() - since);
    } catch (error) {
      if (failures + 1 >= MAX_POLL_FAILURES) return this.abandon(id, requests, error);
      return this.poll(id, requests, since, failures + 1, key);
    }
    store.finish(id, progress.status, results.outcomes, results.missing);
    this.watched.delete(id);
    const byId = new Map(results.outcomes.map((o) => [o.customId, o]));
    let succeeded = 0;
    let retrying = 0;
    for (const [customId, entry] of requests) {
      const response = byId.get(customId)?.response;
      if (response) {
        succeeded++;
        for (const w of entry.waiters) w.resolve(response);
        continue;
      }
      const stored = store.lookup(customId);
      if (stored.state === 'none' && stored.failures < this.options.attempts) {
        retrying++;
        if (entry.waiters.size > 0) this.enqueue(entry.line, entry.row, entry.waiters);
      } else {
        const error = exhausted(this.options.attempts, this.lastError(customId));
        for (const w of entry.waiters) w.reject(error);
      }
    }
    const failed = requests.size - succeeded;
    this.options.onEvent?.({ type: 'ended', model, batch: progress, succeeded, failed, retrying });
  }

  /** The provider cannot be reached: the trials give up, the batch stays stored for a rerun. */
  private abandon(id: string, requests: Map<string, Pending>, error: unknown): void {
    this.watched.delete(id);
    const failure = ProviderError.from(error);
    for (const entry of requests.values()) for (const w of entry.waiters) w.reject(failure);
  }

  private lastError(customId: string): string {
    const stored = this.options.store.lookup(customId);
    return stored.state === 'none' ? (stored.lastError ?? 'failed') : 'failed';
  }

  /** Stops the timers (the run is over); batches in flight stay stored. */
  close(): void {
    this.closed = true;
    clearTimeout(this.gatherTimer);
  }
}

function exhausted(attempts: number, lastError: string): ProviderError {
  return new ProviderError(
    'server',
    `batch request failed ${attempts} time(s); last: ${lastError}`,
    false,
  );
}

function sleep(ms: number, keepAlive: boolean): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    if (!keepAlive) timer.unref();
  });
}
