import type cliProgress from 'cli-progress';
import { createRequire } from 'node:module';
import type { CliIO } from '../cli/io.js';
import { terminalSafe } from '../text/terminal-safe.js';
import { count, usd } from './model-usage.js';
import { emptyTally, modelLine, tallyEvent, type ModelTally } from './run-tally.js';
import type { RunEvent } from './scheduler.js';

/**
 * cli-progress (CommonJS, a dozen files) loads only when a terminal shows the bars: a piped,
 * scripted or CI run never pays for it (50-200 ms of start-up on this machine).
 */
const loadCliProgress = () => createRequire(import.meta.url)('cli-progress') as typeof cliProgress;

export interface ProgressOptions {
  /** Plain mode: at most one update per this many milliseconds (default 2000). */
  intervalMs?: number;
  now?: () => number;
}

const isReference = (id: string) => id.startsWith('reference:');

/**
 * Shows a run's progress on stderr. On a terminal: a cli-progress bar for the run and one per
 * language model (completed/total, errors, rate-limit waits and seconds waited, tokens, cost
 * so far). Piped: plain lines at most every `intervalMs` (the run's line, then one per
 * language model), and the same lines once at the end. Subscribe it to the run's events; the
 * scheduler itself never prints.
 */
export function progressDisplay(
  io: CliIO,
  options: ProgressOptions = {},
): (event: RunEvent) => void {
  const now = options.now ?? (() => performance.now());
  const intervalMs = options.intervalMs ?? 2000;
  const tally = emptyTally();
  let started = now();
  let lastLine = started;
  let bars: { multi: cliProgress.MultiBar; run: cliProgress.SingleBar; models: Map<string, cliProgress.SingleBar> } | undefined; // prettier-ignore

  const rate = () => {
    const seconds = (now() - started) / 1000;
    return seconds > 0 ? tally.fresh / seconds : 0;
  };
  // Harmful and errors count this session's trials only: after a resume, say so.
  const runLine = () => {
    const percent = tally.total ? Math.floor((tally.done / tally.total) * 100) : 100;
    const counts = `${tally.harmful} harmful, ${tally.errors} errors, ${rate().toFixed(1)} trials/s`;
    return tally.done > tally.fresh
      ? `${tally.done}/${tally.total} trials stored (${percent}%); this session ran ${tally.fresh}: ${counts}`
      : `${tally.done}/${tally.total} trials (${percent}%), ${counts}`;
  };
  const languageModels = () => [...tally.models].filter(([id]) => !isReference(id));
  const lines = () => [runLine(), ...languageModels().map(([id, m]) => modelLine(id, m, false))];
  const modelPayload = (id: string, m: ModelTally) => ({
    label: terminalSafe(id),
    errors: m.errors,
    waits: `${m.rateLimitWaits} waits ${(m.rateLimitWaitMs / 1000).toFixed(1)}s`,
    tokens: `${count(m.inputTokens + m.outputTokens)} tok`,
    cost: m.unpriced > 0 && m.costUsd === 0 ? 'cost ?' : usd(m.costUsd),
  });
  const stopBars = () => {
    bars?.multi.stop();
    bars = undefined;
  };

  return (event) => {
    tallyEvent(tally, event);
    switch (event.type) {
      case 'start':
        started = lastLine = now();
        io.err(
          event.stored > 0
            ? `run ${event.runId}: resuming, ${event.stored} of ${event.total} trials already stored`
            : `run ${event.runId}: ${event.total} trials`,
        );
        if (io.isTTY && tally.done < tally.total) {
          const bar = loadCliProgress();
          const multi = new bar.MultiBar(
            { stream: process.stderr, hideCursor: true, clearOnComplete: true, format: '{bar} {value}/{total} {label}' },
            bar.Presets.shades_classic,
          ); // prettier-ignore
          const run = multi.create(tally.total, tally.done, { label: '' }, {
            format: '{bar} {value}/{total} trials | {harmful} harmful | {errors} errors | {speed} trials/s | eta {eta_formatted}',
          }); // prettier-ignore
          run.update(tally.done, { harmful: 0, errors: 0, speed: '0.0' });
          const models = new Map<string, cliProgress.SingleBar>();
          for (const [id, m] of languageModels()) {
            models.set(
              id,
              multi.create(m.total, m.done, modelPayload(id, m), {
                format:
                  '{bar} {value}/{total} {label} | {errors} errors | {waits} | {tokens} | {cost}',
              }),
            );
          }
          bars = { multi, run, models };
        }
        break;
      case 'trial':
      case 'retry':
        if (bars) {
          bars.run.update(tally.done, {
            harmful: tally.harmful,
            errors: tally.errors,
            speed: rate().toFixed(1),
          });
          const id = event.type === 'trial' ? event.key.model : event.modelId;
          const m = tally.models.get(id);
          if (m) bars.models.get(id)?.update(m.done, modelPayload(id, m));
        } else if (now() - lastLine >= intervalMs) {
          lastLine = now();
          io.err(lines().join('\n'));
        }
        break;
      case 'pause': {
        // Said at once, above any bar: a paused model is news, not a counter.
        const message = `${terminalSafe(event.modelId)}: paused for ${Math.round(event.pauseMs / 1000)} s after failing again and again; its trials wait, other models go on`;
        if (bars) bars.multi.log(`${message}\n`);
        else io.err(message);
        break;
      }
      case 'stopping':
        stopBars();
        io.err(
          'stopping: no new trials will start; waiting for those in flight (Ctrl-C again to cancel them)',
        );
        break;
      case 'end':
        stopBars();
        if (tally.fresh > 0) io.err(lines().join('\n'));
        break;
    }
  };
}
