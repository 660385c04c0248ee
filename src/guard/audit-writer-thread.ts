/**
 * The audit writer thread (see audit-writer.ts): opens the store in `workerData.dir` on its
 * own connection and commits the batches it is sent, in order, several at a time when they
 * queue up, with the same chain writer the guard's own thread uses.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { auditChainWriter } from '../store/guard-audit.js';
import { openDatabase, type Db } from '../store/open-database.js';
import {
  STATE,
  unpackEntries,
  type WriterMessage,
  type WriterState,
} from './audit-writer-state.js';
import { loadGuardKeys } from './guard-keys.js';

const { dir, state } = workerData as { dir: string; state: WriterState };
const port = parentPort!;
const { counters } = state;

function fail(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  new TextEncoder().encodeInto(message, state.failure);
  Atomics.store(counters, STATE.failed, 1);
  Atomics.notify(counters, STATE.batches);
  Atomics.notify(counters, STATE.entries);
  Atomics.notify(counters, STATE.ready);
  port.postMessage({ failed: true });
  port.close();
}

let db: Db | undefined;
let queue: WriterMessage[] = [];
let scheduled = false;

/** Claims the batches not taken back by the guard's thread (see STATE.claimed): those to write. */
function claim(batch: WriterMessage[]): WriterMessage[] {
  for (;;) {
    const claimed = Atomics.load(counters, STATE.claimed);
    const mine = batch.filter((m) => ((m.batch - claimed) | 0) > 0);
    if (mine.length === 0) return mine;
    if (Atomics.compareExchange(counters, STATE.claimed, claimed, mine.at(-1)!.batch) === claimed)
      return mine;
  }
}

function drain(): void {
  scheduled = false;
  const batch = claim(queue);
  queue = [];
  if (batch.length === 0 || !db) return;
  const entries =
    batch.length === 1
      ? unpackEntries(batch[0]!.entries)
      : batch.flatMap((m) => unpackEntries(m.entries));
  try {
    write(
      entries,
      batch.at(-1)!.at,
      batch.some((m) => m.force),
    );
  } catch (error) {
    fail(error);
    return;
  }
  Atomics.add(counters, STATE.entries, entries.length);
  Atomics.store(counters, STATE.batches, batch.at(-1)!.batch);
  Atomics.notify(counters, STATE.batches);
  Atomics.notify(counters, STATE.entries);
  if (batch.some((m) => m.notify))
    port.postMessage({ batches: Atomics.load(counters, STATE.batches) });
}

// Should this throw, nothing was handed over yet: the guard's thread keeps committing.
db = openDatabase(dir, { create: false });
const write = auditChainWriter(db, loadGuardKeys(dir));
Atomics.store(counters, STATE.ready, 1);

port.on('message', (message: WriterMessage | 'close') => {
  if (message === 'close') {
    drain();
    db?.close();
    db = undefined;
    Atomics.store(counters, STATE.ready, 2);
    Atomics.notify(counters, STATE.ready);
    port.close();
    return;
  }
  queue.push(message);
  if (!scheduled) {
    scheduled = true;
    // Batches that arrive while one is being written go together in the next transaction.
    setImmediate(drain);
  }
});
