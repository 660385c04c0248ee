/**
 * How a failed model call is sorted (and so whether it is retried, how long we wait, and what
 * the trial records), from the provider's HTTP answer or the error fetch threw.
 */
import { APICallError } from 'ai';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../errors.js';
import { classifyProviderError, parseRetryAfter, ProviderError } from './classify-error.js';

function httpError(
  statusCode: number,
  options: {
    body?: string;
    headers?: Record<string, string>;
    data?: unknown;
    cause?: unknown;
  } = {},
) {
  return new APICallError({
    message: `status ${statusCode}`,
    url: 'https://api.example.test/v1/chat',
    requestBodyValues: {},
    statusCode,
    responseBody: options.body,
    responseHeaders: options.headers,
    data: options.data,
    cause: options.cause,
  });
}

describe('classifyProviderError: HTTP answers', () => {
  it.each([
    [429, 'rate-limit', true],
    [408, 'timeout', true],
    [401, 'auth', false],
    [403, 'auth', false],
    [500, 'server', true],
    [503, 'server', true],
    [409, 'server', true],
    [400, 'bad-request', false],
    [404, 'bad-request', false],
    [422, 'bad-request', false],
  ] as const)('HTTP %i is %s (retryable: %s)', (status, category, retryable) => {
    const c = classifyProviderError(httpError(status, { body: '{"error":{"message":"nope"}}' }));
    expect([c.category, c.retryable]).toEqual([category, retryable]);
    expect(c.message).toBe(`HTTP ${status}: nope`);
  });

  it.each([429, 408, 503])('HTTP %i keeps the Retry-After the provider sent', (status) => {
    const c = classifyProviderError(httpError(status, { headers: { 'retry-after': '12' } }));
    expect(c.retryAfterMs).toBe(12_000);
  });

  it('a 401 or 400 never carries a wait: they are not retried', () => {
    expect(
      classifyProviderError(httpError(401, { headers: { 'retry-after': '12' } })).retryAfterMs,
    ).toBeUndefined();
  });

  it('reads the provider message from the shapes providers use, or the raw body', () => {
    const message = (body: string) => classifyProviderError(httpError(400, { body })).message;
    expect(message('{"error":{"message":"max_tokens too large"}}')).toBe(
      'HTTP 400: max_tokens too large',
    );
    expect(message('{"error":"model not found"}')).toBe('HTTP 400: model not found');
    expect(message('{"message":"bad input"}')).toBe('HTTP 400: bad input');
    expect(message('<html>Bad Request</html>')).toBe('HTTP 400: <html>Bad Request</html>');
    expect(message('x'.repeat(1000))).toBe(`HTTP 400: ${'x'.repeat(300)}`);
    expect(message('{"other":1}')).toBe('HTTP 400: status 400');
    expect(classifyProviderError(httpError(400)).message).toBe('HTTP 400: status 400');
  });

  it('a 2xx it could not read is an invalid response; a 2xx cut off is a network error', () => {
    expect(classifyProviderError(httpError(200, { body: 'garbage' }))).toMatchObject({
      category: 'invalid-response',
      retryable: true,
    });
    const cut = httpError(200, {
      cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }),
    });
    expect(classifyProviderError(cut)).toMatchObject({ category: 'network', retryable: true });
    expect(classifyProviderError(cut).message).toMatch(/^connection lost mid-response: /);
  });

  it('reads an upstream error code inside a 200 body only when it is an HTTP error code', () => {
    const inside = (code: unknown) =>
      classifyProviderError(httpError(200, { data: { code } })).category;
    expect(inside(503)).toBe('server');
    expect(inside(401)).toBe('auth');
    expect(inside(400)).toBe('bad-request');
    expect(inside(399)).toBe('invalid-response');
    expect(inside(600)).toBe('invalid-response');
    expect(inside('429')).toBe('invalid-response');
  });

  it('redacts the key it was given from the message, and caps the message at 2000 characters', () => {
    const key = 'gw-7Qx2-local-credential';
    const c = classifyProviderError(
      httpError(401, { body: JSON.stringify({ error: `bad key ${key} ${'!'.repeat(3000)}` }) }),
      [key],
    );
    expect(c.message).not.toContain(key);
    expect(c.message.startsWith('HTTP 401: bad key [redacted] !!!')).toBe(true);
    expect(c.message).toHaveLength(2000);
  });
});

describe('classifyProviderError: errors without an HTTP answer', () => {
  const named = (name: string, message: string, extra: object = {}) =>
    Object.assign(new Error(message), { name }, extra);

  it.each([
    [named('TimeoutError', 'signal timed out'), 'timeout', true],
    [new Error('request timed out after 30s'), 'timeout', true],
    [new Error('Timeout waiting for headers'), 'timeout', true],
    [named('AbortError', 'This operation was aborted'), 'internal', false],
    [named('AI_JSONParseError', 'bad json'), 'invalid-response', true],
    [named('AI_TypeValidationError', 'bad shape'), 'invalid-response', true],
    [named('AI_InvalidResponseDataError', 'bad data'), 'invalid-response', true],
    [named('AI_EmptyResponseBodyError', 'empty'), 'invalid-response', true],
    [named('AI_NoOutputGeneratedError', 'nothing'), 'invalid-response', true],
    [named('AI_NoContentGeneratedError', 'nothing'), 'invalid-response', true],
    [named('EmptyResponseError', 'empty reply'), 'invalid-response', true],
    [new Error('read ECONNRESET'), 'network', true],
    [new Error('getaddrinfo ENOTFOUND api.example.test'), 'network', true],
    [new Error('getaddrinfo EAI_AGAIN api.example.test'), 'network', true],
    [new Error('connect ETIMEDOUT 10.0.0.1:443'), 'timeout', true],
    [new Error('write EPIPE'), 'network', true],
    [new Error('socket hang up'), 'network', true],
    [new Error('terminated'), 'network', true],
    [new TypeError("Cannot read properties of undefined (reading 'x')"), 'internal', false],
  ] as const)('%s -> %s', (error, category, retryable) => {
    expect(classifyProviderError(error)).toMatchObject({ category, retryable });
  });

  it('finds a network code deep in the cause chain, where fetch hides it', () => {
    const error = new TypeError('fetch failed', {
      cause: new Error('connect failed', {
        cause: Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }),
      }),
    });
    const c = classifyProviderError(error);
    expect(c.category).toBe('network');
    expect(c.message).toBe('fetch failed: connect failed: refused: ECONNREFUSED');
  });

  it('an aborted call says so; a bad input is a bad request; a string is kept as the message', () => {
    expect(
      classifyProviderError(Object.assign(new Error('stop'), { name: 'AbortError' })).message,
    ).toBe('aborted: stop');
    expect(classifyProviderError(new InputError('unknown model x'))).toEqual({
      category: 'bad-request',
      retryable: false,
      message: 'unknown model x',
    });
    expect(classifyProviderError('out of memory')).toMatchObject({
      category: 'internal',
      message: 'out of memory',
    });
    expect(classifyProviderError(undefined).message).toBe('unknown error');
  });

  it('keeps what a ProviderError already says', () => {
    const known = new ProviderError('content-filter', 'blocked', false, 5000, 400);
    expect(classifyProviderError(known)).toEqual({
      category: 'content-filter',
      retryable: false,
      retryAfterMs: 5000,
      message: 'blocked',
    });
    expect(ProviderError.from(known)).toBe(known);
    const from = ProviderError.from(httpError(503), []);
    expect([from.category, from.status, from.attempts]).toEqual(['server', 503, 1]);
    expect(ProviderError.from(new Error('socket hang up')).status).toBeUndefined();
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-27T08:00:00Z');
  it('prefers retry-after-ms, in any header case, and ignores a bad one', () => {
    expect(parseRetryAfter({ 'Retry-After-Ms': '250', 'Retry-After': '7' })).toBe(250);
    expect(parseRetryAfter({ 'retry-after-ms': '0' })).toBe(0);
    expect(parseRetryAfter({ 'retry-after-ms': 'soon', 'retry-after': '2' })).toBe(2000);
    expect(parseRetryAfter({ 'retry-after-ms': '-5', 'retry-after': '2' })).toBe(2000);
  });

  it('reads seconds (fractions too), zero, and an HTTP date, never a negative wait', () => {
    expect(parseRetryAfter({ 'retry-after': '1.5' })).toBe(1500);
    expect(parseRetryAfter({ 'retry-after': '0' })).toBe(0);
    expect(parseRetryAfter({ 'retry-after': 'Fri, 27 Nov 2026 07:59:00 GMT' }, now)).toBe(0);
    expect(parseRetryAfter({ 'retry-after': 'Fri, 27 Nov 2026 08:01:00 GMT' }, now)).toBe(60_000);
  });

  it('has no wait without headers or with an empty value', () => {
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(parseRetryAfter({ 'retry-after': '' })).toBeUndefined();
    expect(parseRetryAfter({ 'retry-after': '   ' })).toBeUndefined();
  });
});

describe('classifyProviderError: edges found by mutation testing', () => {
  it('an SDK error without an HTTP status is a network error, not a bad request', () => {
    const noStatus = new APICallError({
      message: 'Cannot connect to API: other side closed',
      url: 'https://api.example.test/v1/chat',
      requestBodyValues: {},
    });
    expect(classifyProviderError(noStatus)).toMatchObject({ category: 'network', retryable: true });
  });

  it('a 3xx is not read as a 2xx the SDK could not parse', () => {
    expect(classifyProviderError(httpError(300)).category).toBe('bad-request');
    expect(classifyProviderError(httpError(299)).category).toBe('invalid-response');
  });

  it('an HTTP error status wins over an error code inside its body', () => {
    expect(classifyProviderError(httpError(503, { data: { code: 429 } })).category).toBe('server');
    expect(classifyProviderError(httpError(400, { data: { code: 503 } })).category).toBe(
      'bad-request',
    );
  });

  it('follows at most four causes, and a cause chain that loops does not hang', () => {
    const deep = new Error('1', { cause: new Error('2', { cause: new Error('3', { cause: new Error('4', { cause: new Error('5') }) }) }) }); // prettier-ignore
    expect(classifyProviderError(deep).message).toBe('1: 2: 3: 4');
    const loop = new Error('loop');
    (loop as { cause?: unknown }).cause = loop;
    expect(classifyProviderError(loop).message).toBe('loop: loop: loop: loop');
  });

  it('ignores an invalid Retry-After instead of waiting on it', () => {
    expect(parseRetryAfter({ 'retry-after': '-3' })).toBeUndefined();
    expect(parseRetryAfter({ 'retry-after-ms': 'Infinity', 'retry-after': '2' })).toBe(2000);
    expect(parseRetryAfter({ 'retry-after': 'Infinity' })).toBeUndefined();
  });

  it('names itself in logs and stack traces', () => {
    const error = new ProviderError('server', 'HTTP 503', true);
    expect(error.name).toBe('ProviderError');
    expect(String(error)).toBe('ProviderError: HTTP 503');
  });
});
