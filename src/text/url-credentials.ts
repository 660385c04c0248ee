/**
 * Credentials written into URLs (`http://user:sk-...@host/v1`). A key in a base URL would be
 * stored with the run's plan and printed in every table naming the model, so such URLs are
 * refused where they come in, and redacted wherever text might still carry one.
 */

const USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^/\s@'"]+@/gi;

/**
 * True when `url` carries a user name or password before its host.
 * @example hasUrlCredentials('http://me:sk-123@host/v1') // true
 */
export function hasUrlCredentials(url: string): boolean {
  USERINFO.lastIndex = 0;
  return USERINFO.test(url);
}

/**
 * `text` with every URL's `user:password@` replaced by `[redacted]@`.
 * @example redactUrlCredentials('see http://me:sk-123@host/v1') // 'see http://[redacted]@host/v1'
 */
export function redactUrlCredentials(text: string): string {
  return text.replace(USERINFO, '$1[redacted]@');
}

/** The message for a refused URL: names where it came from, never the credentials. */
export function urlCredentialsMessage(where: string, url: string): string {
  return (
    `${where}: the URL ${redactUrlCredentials(url)} carries credentials (user:password@); ` +
    "remove them and put the key in an environment variable (the provider's usual one, or apiKeyEnv in a config)"
  );
}
