/**
 * One line of progress per batch event, for stderr while `turncoat run --batch` polls:
 * `batch openai:gpt-4.1 batch_6f2 in_progress: 120/300 done, 2 failed`.
 */
import { terminalSafe } from '../../text/terminal-safe.js';
import type { BatchEvent } from './batcher.js';

/**
 * The line for an event (provider ids and status words are escaped: they come from a server).
 * @example formatBatchEvent({ type: 'resumed', model: 'openai:gpt-4.1', batch: 'batch_1' }) // 'batch openai:gpt-4.1 batch_1: picked up (submitted before a restart)'
 */
export function formatBatchEvent(event: BatchEvent): string {
  const id = terminalSafe('batch' in event && typeof event.batch === 'object' ? event.batch.id : String(event.batch)); // prettier-ignore
  const head = `batch ${terminalSafe(event.model)} ${id}`;
  switch (event.type) {
    case 'submitted':
      return `${head}: submitted ${event.requests} request(s)${event.retried > 0 ? ` (${event.retried} retried)` : ''}`; // prettier-ignore
    case 'resumed':
      return `${head}: picked up (submitted before a restart)`;
    case 'progress': {
      const b = event.batch;
      return `${head} ${terminalSafe(b.status)}: ${b.succeeded + b.failed}/${b.total} done, ${b.failed} failed`;
    }
    case 'ended':
      return `${head} ${terminalSafe(event.batch.status)}: ${event.succeeded} answered, ${event.failed} failed${event.retrying > 0 ? `, ${event.retrying} to retry in a later batch` : ''}`; // prettier-ignore
    case 'poll-failed':
      return `${head}: poll failed (${terminalSafe(event.message)}); trying again`;
  }
}
