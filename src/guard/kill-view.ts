/**
 * The kill switch as the audit writer thread sees it, so that the check before every tool
 * call needs no SQL on the thread that decides (see src/store/guard-kill-switch.ts).
 *
 * The writer thread looks at the table every KILL_LOOK_EVERY_MS between its commits
 * (`PRAGMA data_version`, and the scopes only when that moved): before each look it notes
 * the time the look began, and after a look that found the scopes changed it moves a
 * generation counter, both in shared memory. The deciding thread trusts the generation only
 * while the last look began less than KILL_STALE_MS ago; a thread busy in a long commit, or
 * stopped, lets the view go stale and the check reads SQLite again, as without the thread.
 * Order: the generation is stored before the time, and read after it, so a fresh time
 * always comes with a generation at least as recent as that look.
 */
import { KILL_STALE_MS, killSwitchWatch, type KillSwitchView } from '../store/guard-kill-switch.js';
import type { Db } from '../store/open-database.js';
import { STATE, type WriterState } from './audit-writer-state.js';

/** How often the writer thread looks at the kill switch. */
export const KILL_LOOK_EVERY_MS = 2;
const STALE_NS = BigInt(KILL_STALE_MS) * 1_000_000n;

/**
 * On the writer thread: looks now and then every KILL_LOOK_EVERY_MS; `look` looks at once
 * (after a long commit), `stop` ends the looks. A failed look publishes nothing (the view
 * goes stale).
 * @example const kills = watchKillSwitch(db, state); kills.look(); kills.stop()
 */
export function watchKillSwitch(db: Db, state: WriterState): { look(): void; stop(): void } {
  const changed = killSwitchWatch(db);
  const look = () => {
    const began = process.hrtime.bigint();
    try {
      if (changed()) Atomics.add(state.counters, STATE.kills, 1);
    } catch {
      return;
    }
    Atomics.store(state.killsSeenAt, 0, began);
  };
  look();
  const timer = setInterval(look, KILL_LOOK_EVERY_MS);
  return { look, stop: () => clearInterval(timer) };
}

/**
 * On the deciding thread: the view over `state` (undefined while its last look is stale).
 * @example killSwitchQueries(db, killView(() => thread?.state))
 */
export function killView(state: () => WriterState | undefined): KillSwitchView {
  return () => {
    const s = state();
    if (!s) return undefined;
    const seenAt = Atomics.load(s.killsSeenAt, 0);
    if (seenAt === 0n || process.hrtime.bigint() - seenAt > STALE_NS) return undefined;
    return Atomics.load(s.counters, STATE.kills);
  };
}
