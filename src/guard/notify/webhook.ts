import { randomUUID } from 'node:crypto';
import type { GuardEvent } from './guard-event.js';
import { DELIVERY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, signBody } from './signature.js';

export interface WebhookOptions {
  url: string;
  /** Shared secret for the HMAC signature (never logged). */
  secret: string;
  /** Attempts per event, the first included (default 5). */
  attempts?: number;
  /** Delay before the first retry; doubles on each further one (default 500 ms). */
  backoffMs?: number;
  /** Per-attempt timeout (default 10 s). */
  timeoutMs?: number;
  /** Told once per event that could not be delivered after every attempt. */
  onGiveUp?: (event: GuardEvent, cause: string) => void;
  fetch?: typeof fetch;
}

/** Event fields a caller gives; `id` and `at` are filled in. */
export type GuardEventInput = Omit<GuardEvent, 'id' | 'at'> &
  Partial<Pick<GuardEvent, 'id' | 'at'>>;

export interface Notifier {
  /** Queues the event and returns at once: a slow or broken receiver never delays a decision. */
  notify(event: GuardEventInput): void;
  /** Resolves when every queued event was delivered or given up on (for shutdown and tests). */
  drain(): Promise<void>;
}

/** A notifier that sends nothing (no webhook configured). */
export const silentNotifier: Notifier = { notify: () => {}, drain: async () => {} };

/**
 * Posts guard events to a webhook as signed JSON, retrying with exponential backoff on
 * network errors, timeouts, 429 and 5xx; a 4xx other than 429 is final (the receiver
 * refused it and would again).
 *
 * @example
 * const notifier = webhookNotifier({ url: 'https://hooks.example/turncoat', secret: process.env.TURNCOAT_WEBHOOK_SECRET! });
 * notifier.notify({ type: 'guard.deny', session, tool: 'send_email', rule: 'no-leaks', reason: 'confidential material' });
 */
export function webhookNotifier(options: WebhookOptions): Notifier {
  const inFlight = new Set<Promise<void>>();
  const attempts = Math.max(1, options.attempts ?? 5);
  const backoffMs = options.backoffMs ?? 500;
  const send = options.fetch ?? fetch;

  async function deliver(event: GuardEvent): Promise<void> {
    const body = JSON.stringify(event);
    let cause = '';
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const timestamp = Math.floor(Date.now() / 1000);
      try {
        const response = await send(options.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            [SIGNATURE_HEADER]: signBody(body, timestamp, options.secret),
            [TIMESTAMP_HEADER]: String(timestamp),
            [DELIVERY_HEADER]: event.id,
            'user-agent': 'turncoat-guard',
          },
          body,
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
        await response.body?.cancel().catch(() => {});
        if (response.ok) return;
        cause = `HTTP ${response.status}`;
        if (response.status < 500 && response.status !== 429) break;
      } catch (error) {
        cause = error instanceof Error ? error.message : String(error);
      }
      if (attempt < attempts) await sleep(backoffMs * 2 ** (attempt - 1));
    }
    options.onGiveUp?.(event, cause);
  }

  return {
    notify(input) {
      const event: GuardEvent = {
        ...input,
        id: input.id ?? randomUUID(),
        at: input.at ?? new Date().toISOString(),
      };
      const delivery = deliver(event).finally(() => inFlight.delete(delivery));
      inFlight.add(delivery);
    },
    async drain() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
