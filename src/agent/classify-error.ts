import { classifyProviderError } from './providers/classify-error.js';
import type { ErrorCategory } from './trial-types.js';

/**
 * Sorts a failed model call into an `ErrorCategory`: HTTP 429 rate-limit, 5xx server,
 * 401/403 auth, 400 bad-request, aborts and timeouts timeout, connection resets network.
 * Errors already classified by a provider keep their category; everything else (network
 * codes, invalid responses, ...) is classified by `classifyProviderError`. Unlike a provider
 * call, an aborted trial is a timeout: the trial's own deadline cut it.
 * @example classifyError(Object.assign(new Error('slow down'), { status: 429 })) // 'rate-limit'
 */
export function classifyError(error: unknown): ErrorCategory {
  if (error && typeof error === 'object') {
    const e = error as {
      category?: unknown;
      status?: unknown;
      statusCode?: unknown;
      name?: unknown;
    };
    if (e.name === 'ProviderError' && typeof e.category === 'string')
      return e.category as ErrorCategory;
    const status =
      typeof e.status === 'number'
        ? e.status
        : typeof e.statusCode === 'number'
          ? e.statusCode
          : undefined;
    if (status !== undefined) {
      if (status === 429) return 'rate-limit';
      if (status === 401 || status === 403) return 'auth';
      if (status === 408) return 'timeout';
      if (status >= 500) return 'server';
      if (status >= 400) return 'bad-request';
    }
    // A TimeoutError is a timeout for classifyProviderError too; an abort is only one here.
    if (e.name === 'AbortError') return 'timeout';
  }
  return classifyProviderError(error).category;
}

/** A one-line message for the transcript. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
