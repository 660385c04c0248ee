/**
 * The audit writer thread (see audit-writer.ts): opens the store in `workerData.dir` on its
 * own connection and commits the batches it is sent, in order, several at a time, with the
 * same chain writer the guard's own thread uses.
 *
 * When it commits: a batch someone waits for (a deny, a blocking flush) at once, with
 * everything before it; the others together every COMMIT_EVERY_MS, or at once when
 * COMMIT_AT entries wait. Each commit writes every page it touched to the WAL (the table's
 * last pages, and guard_audit_sessions' rows of the sessions in the batch), so fewer, larger
 * commits write fewer pages.
 *
 * The WAL's checkpoints are this thread's, never inside a commit: SQLite's automatic one
 * would run inside the commit that takes the log past 1,000 pages, and a deny waiting for
 * that commit waited for the copy and the fsync too (p99 27 ms). Here the commit comes first,
 * its waiters are answered, and then, when the log holds CHECKPOINT_PAGES or more and no
 * waited-for batch is on its way, a checkpoint runs between two transactions (it finishes
 * before the next one starts, so the log starts again from the beginning: it stays bounded).
 * A waited-for batch puts the checkpoint off to after its own commit, unless the log has
 * reached CHECKPOINT_CAP pages.
 *
 * Between its commits it also looks at the kill switch for the deciding thread (kill-view.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { auditChainWriter } from '../store/guard-audit.js';
import { openDatabase, type Db } from '../store/open-database.js';
import { walLog } from '../store/wal-log.js';
import {
  CHECKPOINT_CAP,
  CHECKPOINT_PAGES,
  COMMIT_AT,
  COMMIT_EVERY_MS,
  STATE,
  unpackEntries,
  type WriterMessage,
  type WriterState,
} from './audit-writer-state.js';
import { loadGuardKeys } from './guard-keys.js';
import { watchKillSwitch } from './kill-view.js';

const { dir, state } = workerData as { dir: string; state: WriterState };
const port = parentPort!;
const { counters } = state;

/** The kill switch looks (see kill-view.ts; set once the store is open). */
let kills = { look: (): void => {}, stop: (): void => {} };

function fail(error: unknown): void {
  kills.stop();
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
let queued = 0;
/** A drain is scheduled: at once (setImmediate) or by the timer. */
let immediate = false;
let timer: NodeJS.Timeout | undefined;
/** Waited-for batches received (compared with STATE.urgent, those posted). */
let urgentSeen = 0;

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
  immediate = false;
  if (timer) clearTimeout(timer);
  timer = undefined;
  const batch = claim(queue);
  queue = [];
  queued = 0;
  if (!db) return;
  if (batch.length === 0) {
    // All taken back by the guard's thread (a checkpoint put off for them is due now).
    checkpointIfDue();
    return;
  }
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
  checkpointIfDue();
  // A commit (and a checkpoint) may have held the timer's look up: the view stays fresh.
  kills.look();
}

/** After a commit and its answers: a checkpoint when the log is long and no deny is on its way. */
function checkpointIfDue(): void {
  const frames = wal.frames();
  if (frames < CHECKPOINT_PAGES) return;
  const waited = Atomics.load(counters, STATE.urgent) !== urgentSeen;
  // That batch's own commit comes first; this runs again after it.
  if (waited && frames < CHECKPOINT_CAP) return;
  try {
    wal.checkpoint();
  } catch (error) {
    // The commits stand; a log that cannot be copied into the file is a failing disk.
    fail(error);
  }
}

function schedule(message: WriterMessage): void {
  if (message.urgent) urgentSeen = (urgentSeen + 1) | 0;
  if (immediate) return;
  if (message.urgent || queued >= COMMIT_AT) {
    immediate = true;
    // Batches that arrive meanwhile go in the same transaction.
    setImmediate(drain);
  } else timer ??= setTimeout(drain, COMMIT_EVERY_MS);
}

// Should this throw, nothing was handed over yet: the guard's thread keeps committing.
db = openDatabase(dir, { create: false });
const wal = walLog(db);
const write = auditChainWriter(db, loadGuardKeys(dir));
// Between commits, this thread also keeps the deciding thread's view of the kill switch fresh.
kills = watchKillSwitch(db, state);
Atomics.store(counters, STATE.ready, 1);

port.on('message', (message: WriterMessage | 'close') => {
  if (message === 'close') {
    kills.stop();
    drain();
    wal.close();
    db?.close();
    db = undefined;
    Atomics.store(counters, STATE.ready, 2);
    Atomics.notify(counters, STATE.ready);
    port.close();
    return;
  }
  queue.push(message);
  queued += message.entries.cells.length / 4;
  schedule(message);
});
