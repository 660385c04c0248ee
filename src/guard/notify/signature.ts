import { createHmac, timingSafeEqual } from 'node:crypto';

/** Header names of a signed guard notification. */
export const SIGNATURE_HEADER = 'x-turncoat-signature';
export const TIMESTAMP_HEADER = 'x-turncoat-timestamp';
export const DELIVERY_HEADER = 'x-turncoat-delivery';

/**
 * The signature of one webhook body: HMAC-SHA256 over `${timestamp}.${body}` with the shared
 * secret, hex, prefixed `sha256=`. The timestamp (Unix seconds) is signed too, so a captured
 * request cannot be replayed later.
 *
 * @example signBody('{"type":"guard.deny"}', 1764474000, 's3cret') // 'sha256=4f1c...'
 */
export function signBody(body: string, timestamp: number, secret: string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `sha256=${mac}`;
}

export interface VerifyInput {
  body: string;
  signature: string | undefined | null;
  timestamp: string | undefined | null;
  secret: string;
  /** Oldest accepted timestamp, in seconds before now (default 300). */
  toleranceSeconds?: number;
  now?: () => number;
}

/**
 * What a receiver runs before trusting a notification: the signature matches the raw body
 * and its timestamp, and the timestamp is recent.
 *
 * @example verifySignature({ body: rawBody, signature: req.headers['x-turncoat-signature'], timestamp: req.headers['x-turncoat-timestamp'], secret })
 */
export function verifySignature(input: VerifyInput): boolean {
  const { body, signature, timestamp, secret } = input;
  if (!signature || !timestamp || !/^\d+$/.test(timestamp)) return false;
  const seconds = Number(timestamp);
  const now = Math.floor((input.now ?? Date.now)() / 1000);
  if (Math.abs(now - seconds) > (input.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signBody(body, seconds, secret));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
