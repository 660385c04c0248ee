/**
 * Running totals of a run, overall and per model, folded from the scheduler's events: what the
 * progress display shows. Pure: no clock, no output.
 */
import type { RunEvent } from './scheduler.js';
import { count, usd } from './model-usage.js';
import { terminalSafe } from '../text/terminal-safe.js';

export interface ModelTally {
  total: number;
  /** Stored, before this invocation or now. */
  done: number;
  harmful: number;
  errors: number;
  /** Retries after a 429, and the seconds waited for them. */
  rateLimitWaits: number;
  rateLimitWaitMs: number;
  /** Other retries (5xx, timeouts, resets, cut streams). */
  retries: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  /** Trials whose price is unknown (not included in costUsd). */
  unpriced: number;
  /** Times the model was paused for failing again and again. */
  pauses: number;
}

export interface RunTally {
  runId: string;
  total: number;
  done: number;
  /** Trials finished by this invocation (for the rate). */
  fresh: number;
  harmful: number;
  errors: number;
  models: Map<string, ModelTally>;
}

export function emptyTally(): RunTally {
  return { runId: '', total: 0, done: 0, fresh: 0, harmful: 0, errors: 0, models: new Map() };
}

const blank = (): ModelTally => ({
  total: 0,
  done: 0,
  harmful: 0,
  errors: 0,
  rateLimitWaits: 0,
  rateLimitWaitMs: 0,
  retries: 0,
  inputTokens: 0,
  outputTokens: 0,
  costUsd: 0,
  unpriced: 0,
  pauses: 0,
});

/** Folds one event into the tally (mutates it; returns it for chaining). */
export function tallyEvent(tally: RunTally, event: RunEvent): RunTally {
  const model = (id: string) => {
    let m = tally.models.get(id);
    if (!m) tally.models.set(id, (m = blank()));
    return m;
  };
  switch (event.type) {
    case 'start':
      tally.runId = event.runId;
      tally.total = event.total;
      tally.done = event.stored;
      for (const [id, c] of Object.entries(event.models)) {
        const m = model(id);
        m.total = c.total;
        m.done = c.stored;
      }
      break;
    case 'trial': {
      const m = model(event.key.model);
      const failed = event.status === 'error' || event.harmful === null;
      tally.done++;
      tally.fresh++;
      m.done++;
      if (event.harmful === true) {
        tally.harmful++;
        m.harmful++;
      }
      if (failed) {
        tally.errors++;
        m.errors++;
      }
      m.inputTokens += event.usage.inputTokens;
      m.outputTokens += event.usage.outputTokens;
      if (event.costUsd === null) m.unpriced++;
      else m.costUsd += event.costUsd;
      break;
    }
    case 'retry': {
      const m = model(event.modelId);
      if (event.category === 'rate-limit') {
        m.rateLimitWaits++;
        m.rateLimitWaitMs += event.delayMs;
      } else m.retries++;
      break;
    }
    case 'pause':
      model(event.modelId).pauses++;
      break;
    default:
      break;
  }
  return tally;
}

/**
 * One model's line: `openai:gpt-4.1: 120/300 trials, 0 errors, 14 rate-limit waits (3.2 s),
 * 2 retries, 240,000 in / 12,000 out tokens, ~$0.5760`. Reference agents show trials only.
 */
export function modelLine(id: string, m: ModelTally, reference: boolean): string {
  const parts = [`${m.done}/${m.total} trials`, `${m.errors} errors`];
  if (!reference) {
    parts.push(`${m.rateLimitWaits} rate-limit waits (${(m.rateLimitWaitMs / 1000).toFixed(1)} s)`);
    if (m.retries > 0) parts.push(`${m.retries} retries`);
    if (m.pauses > 0) parts.push(`paused ${m.pauses}x`);
    parts.push(`${count(m.inputTokens)} in / ${count(m.outputTokens)} out tokens`);
    parts.push(m.unpriced > 0 && m.costUsd === 0 ? 'cost unknown' : `~${usd(m.costUsd)}`);
  }
  return `  ${terminalSafe(id)}: ${parts.join(', ')}`;
}
