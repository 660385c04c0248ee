/** Keeps the thread busy for `ms` (a judge's or the store's synchronous work). */
export const busy = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

/** Counts turns of the event loop until stopped (an immediate re-queued each turn). */
export function turnCounter() {
  let turns = 0;
  let running = true;
  const tick = () => {
    turns++;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  return { turns: () => turns, stop: () => (running = false) };
}
