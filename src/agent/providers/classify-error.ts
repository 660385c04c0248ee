/**
 * Sorts any failure of a model call into an `ErrorCategory`, decides whether it is worth
 * retrying, and reads the provider's Retry-After. Messages are redacted of API keys.
 */
import { APICallError } from '@ai-sdk/provider';
import type { ErrorCategory } from '../trial-types.js';
import { InputError } from '../../errors.js';
import { redactSecrets } from './redact.js';

export interface ClassifiedError {
  category: ErrorCategory;
  retryable: boolean;
  /** How long the provider asked us to wait, when it said so. */
  retryAfterMs?: number;
  message: string;
}

/** A failed model call, already classified and redacted. `generate` throws these. */
export class ProviderError extends Error {
  override readonly name = 'ProviderError';
  constructor(
    readonly category: ErrorCategory,
    message: string,
    readonly retryable: boolean,
    readonly retryAfterMs?: number,
    readonly status?: number,
    /** Attempts made before giving up (set by `withRetries`). */
    public attempts = 1,
  ) {
    super(message);
  }

  // Stryker disable next-line ArrayDeclaration: equivalent, a default secret absent from the text redacts nothing
  static from(error: unknown, secrets: readonly (string | undefined)[] = []): ProviderError {
    if (error instanceof ProviderError) return error;
    const c = classifyProviderError(error, secrets);
    const status = APICallError.isInstance(error) ? error.statusCode : undefined;
    return new ProviderError(c.category, c.message, c.retryable, c.retryAfterMs, status);
  }
}

const NETWORK_CODES =
  /ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|UND_ERR_SOCKET|UND_ERR_CLOSED|terminated|other side closed|socket hang up|fetch failed/i;
const INVALID_RESPONSE = new Set([
  'AI_JSONParseError',
  'AI_TypeValidationError',
  'AI_InvalidResponseDataError',
  'AI_EmptyResponseBodyError',
  'AI_NoOutputGeneratedError',
  'AI_NoContentGeneratedError',
]);

/**
 * Classifies a model-call failure.
 * @example classifyProviderError(err) // { category: 'rate-limit', retryable: true, retryAfterMs: 2000, message: 'HTTP 429: ...' }
 */
export function classifyProviderError(
  error: unknown,
  // Stryker disable next-line ArrayDeclaration: equivalent, a default secret absent from the text redacts nothing
  secrets: readonly (string | undefined)[] = [],
): ClassifiedError {
  if (error instanceof ProviderError) {
    return {
      category: error.category,
      retryable: error.retryable,
      retryAfterMs: error.retryAfterMs,
      message: error.message,
    };
  }
  const clean = (text: string) => redactSecrets(text, secrets).slice(0, 2000);
  const text = describe(error);

  if (error instanceof InputError)
    return { category: 'bad-request', retryable: false, message: clean(error.message) };

  if (APICallError.isInstance(error) && error.statusCode !== undefined) {
    const status = embeddedStatus(error) ?? error.statusCode;
    const message = clean(`HTTP ${status}: ${providerMessage(error)}`);
    const retryAfterMs = parseRetryAfter(error.responseHeaders);
    // A 2xx the SDK could not read: the body was not the protocol's JSON.
    if (status < 300) {
      // The reply started fine and then the connection dropped: a cut, not garbage.
      if (NETWORK_CODES.test(describe(error.cause)))
        return {
          category: 'network',
          retryable: true,
          message: clean(`connection lost mid-response: ${text}`),
        };
      return { category: 'invalid-response', retryable: true, message };
    }
    if (status === 429) return { category: 'rate-limit', retryable: true, retryAfterMs, message };
    if (status === 408) return { category: 'timeout', retryable: true, retryAfterMs, message };
    if (status === 401 || status === 403) return { category: 'auth', retryable: false, message };
    if (status >= 500 || status === 409)
      return { category: 'server', retryable: true, retryAfterMs, message };
    return { category: 'bad-request', retryable: false, message };
  }

  const name = errorName(error);
  if (name === 'TimeoutError' || /timed? ?out/i.test(text))
    return { category: 'timeout', retryable: true, message: clean(text) };
  if (name === 'AbortError')
    return { category: 'internal', retryable: false, message: clean(`aborted: ${text}`) };
  if (INVALID_RESPONSE.has(name) || name === 'EmptyResponseError')
    return { category: 'invalid-response', retryable: true, message: clean(text) };
  if (NETWORK_CODES.test(text) || APICallError.isInstance(error))
    return { category: 'network', retryable: true, message: clean(text) };
  return { category: 'internal', retryable: false, message: clean(text) };
}

/** Reads `retry-after-ms`, or `retry-after` as seconds or an HTTP date, into milliseconds. */
export function parseRetryAfter(
  headers: Record<string, string> | undefined,
  now = Date.now(),
): number | undefined {
  if (!headers) return undefined;
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const ms = Number(lower['retry-after-ms']);
  // Stryker disable next-line ConditionalExpression: equivalent, Number(undefined) is NaN, which the next test refuses
  if (lower['retry-after-ms'] !== undefined && Number.isFinite(ms) && ms >= 0) return ms;
  const value = lower['retry-after'];
  if (value === undefined) return undefined;
  const seconds = Number(value);
  // A number is seconds; a negative one is invalid (never handed to Date.parse, which would
  // read "-3" as a date in 2001).
  if (value.trim() !== '' && Number.isFinite(seconds))
    return seconds >= 0 ? seconds * 1000 : undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** OpenRouter reports an upstream failure inside a 200 body: `{ error: { code: 429 } }`. */
function embeddedStatus(error: APICallError): number | undefined {
  if (error.statusCode === undefined || error.statusCode >= 300) return undefined;
  const code = (error.data as { code?: unknown } | undefined)?.code;
  return typeof code === 'number' && code >= 400 && code < 600 ? code : undefined;
}

function providerMessage(error: APICallError): string {
  const body = error.responseBody;
  if (body) {
    try {
      const parsed = JSON.parse(body) as {
        error?: { message?: string } | string;
        message?: string;
      };
      const inner = typeof parsed.error === 'string' ? parsed.error : parsed.error?.message;
      if (inner ?? parsed.message) return String(inner ?? parsed.message);
    } catch {
      return body.slice(0, 300);
    }
  }
  return error.message;
}

function errorName(error: unknown): string {
  if (error && typeof error === 'object' && 'name' in error)
    return String((error as { name: unknown }).name);
  // Stryker disable next-line StringLiteral: equivalent, only compared with real error names
  return '';
}

/** The message plus the chain of causes, which is where fetch hides ECONNRESET. */
function describe(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth += 1) {
    if (current instanceof Error) {
      parts.push(current.message);
      const code = (current as { code?: unknown }).code;
      if (typeof code === 'string') parts.push(code);
      current = current.cause;
    } else {
      parts.push(String(current));
      break;
    }
  }
  return parts.filter(Boolean).join(': ') || 'unknown error';
}
