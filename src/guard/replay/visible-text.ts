import { forTerminal } from '../terminal-text.js';

/**
 * Untrusted text (what an agent or an imported file wrote) on one terminal line: control
 * characters become visible escapes (`forTerminal`), newlines `⏎`, tabs spaces, and long
 * text is cut with an ellipsis.
 * @example visible('hi\u001b[31m\nthere', 40) // 'hi\\u{1b}[31m⏎there'
 */
export function visible(text: string, max = 80): string {
  const shown = forTerminal(text.replace(/\n/g, '⏎').replace(/\t/g, ' '));
  return shown.length > max ? `${shown.slice(0, max - 1)}…` : shown;
}
