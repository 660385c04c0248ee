import cliProgress from 'cli-progress';
import type { CliIO } from '../cli/io.js';
import type { RunEvent } from './scheduler.js';

export interface ProgressOptions {
  /** Plain mode: at most one line per this many milliseconds (default 2000). */
  intervalMs?: number;
  now?: () => number;
}

/**
 * Shows a run's progress on stderr: a cli-progress bar when stderr is a terminal, plain
 * periodic lines otherwise (`done/total, harmful, errors, trials/s`). Subscribe it to the
 * scheduler's events; the scheduler itself never prints.
 */
export function progressDisplay(
  io: CliIO,
  options: ProgressOptions = {},
): (event: RunEvent) => void {
  const now = options.now ?? (() => performance.now());
  const intervalMs = options.intervalMs ?? 2000;
  let total = 0;
  let done = 0;
  let fresh = 0;
  let harmful = 0;
  let errors = 0;
  let started = now();
  let lastLine = started;
  let bar: cliProgress.SingleBar | undefined;

  const rate = () => {
    const seconds = (now() - started) / 1000;
    return seconds > 0 ? fresh / seconds : 0;
  };
  const line = () =>
    `${done}/${total} trials (${total ? Math.floor((done / total) * 100) : 100}%), ${harmful} harmful, ${errors} errors, ${rate().toFixed(1)} trials/s`;

  return (event) => {
    switch (event.type) {
      case 'start':
        total = event.total;
        done = event.stored;
        started = lastLine = now();
        io.err(
          event.stored > 0
            ? `run ${event.runId}: resuming, ${event.stored} of ${total} trials already stored`
            : `run ${event.runId}: ${total} trials`,
        );
        if (io.isTTY && done < total) {
          bar = new cliProgress.SingleBar(
            {
              stream: process.stderr,
              format:
                '{bar} {value}/{total} trials | {harmful} harmful | {errors} errors | {speed} trials/s | eta {eta_formatted}',
              hideCursor: true,
              clearOnComplete: true,
            },
            cliProgress.Presets.shades_classic,
          );
          bar.start(total, done, { harmful, errors, speed: '0.0' });
        }
        break;
      case 'trial':
        done++;
        fresh++;
        if (event.harmful === true) harmful++;
        if (event.status === 'error' || event.harmful === null) errors++;
        if (bar) bar.update(done, { harmful, errors, speed: rate().toFixed(1) });
        else if (now() - lastLine >= intervalMs) {
          lastLine = now();
          io.err(line());
        }
        break;
      case 'stopping':
        bar?.stop();
        bar = undefined;
        io.err(
          'stopping: no new trials will start; waiting for those in flight (Ctrl-C again to cancel them)',
        );
        break;
      case 'end':
        bar?.stop();
        bar = undefined;
        if (fresh > 0) io.err(line());
        break;
    }
  };
}
