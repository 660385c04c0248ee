import { redactUrlCredentials } from '../../text/url-credentials.js';

/** Removes API keys from text before it can reach an error, a log or the store. */

/** Replaces every occurrence of each secret (and common key shapes) with `[redacted]`. */
// Stryker disable next-line ArrayDeclaration: equivalent, a default secret that never occurs in the text changes nothing
export function redactSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  // Key shapes that may come back from a provider even when we do not know the value.
  return redactUrlCredentials(out)
    .replace(/\b(sk-(?:ant-|proj-|or-)?[A-Za-z0-9_-]{8,})/g, '[redacted]')
    .replace(/\bAIza[0-9A-Za-z_-]{20,}/g, '[redacted]')
    .replace(/(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi, '$1[redacted]');
}
