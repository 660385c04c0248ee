import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

/**
 * True for addresses only this machine can reach: `localhost`, 127.0.0.0/8 and `::1`.
 * Anything else (0.0.0.0, a LAN address, a host name) needs a token.
 *
 * @example isLoopback('127.0.0.1') // true;  isLoopback('0.0.0.0') // false
 */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  if (bare === 'localhost' || bare === '::1') return true;
  return isIP(bare) === 4 && bare.startsWith('127.');
}

/**
 * Compares an `Authorization: Bearer <token>` header with the expected token in constant time.
 *
 * @example bearerTokenMatches('Bearer s3cret', 's3cret') // true
 */
export function bearerTokenMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
  if (!match) return false;
  // Hashing first makes both sides the same length, so the comparison leaks nothing.
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(match[1]!.trim()), digest(token));
}
