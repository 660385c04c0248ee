/**
 * Access control for a viewer bound beyond loopback: every route answers 401 unless the
 * request carries the token (the printed URL's `?token=`, which then sets a cookie, a
 * cookie from that, or `Authorization: Bearer <token>`).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';

export const TOKEN_COOKIE = 'turncoat_view_token';

/** A fresh random token (32 bytes, URL-safe). */
export function newAccessToken(): string {
  return randomBytes(32).toString('base64url');
}

function same(a: string | undefined, b: string): boolean {
  if (a === undefined) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Middleware that lets a request through only with `token`.
 * @example app.use('*', requireToken(newAccessToken()))
 */
export function requireToken(token: string): MiddlewareHandler {
  return async (c, next) => {
    const fromQuery = c.req.query('token');
    const bearer = c.req.header('authorization')?.replace(/^Bearer\s+/i, '');
    if (same(fromQuery, token)) {
      setCookie(c, TOKEN_COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: '/' });
      return next();
    }
    if (same(bearer, token) || same(getCookie(c, TOKEN_COOKIE), token)) return next();
    return c.json({ error: 'this viewer needs its access token (printed when it started)' }, 401);
  };
}
