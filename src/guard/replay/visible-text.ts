/**
 * Untrusted text (what an agent or an imported file wrote) made safe for a terminal line:
 * control characters (ANSI escapes, carriage returns, bells, bidi overrides) become visible
 * escapes, newlines become `⏎`, and long text is cut with an ellipsis.
 * @example visible('hi\u001b[31m\nthere', 40) // 'hi\\x1b[31m⏎there'
 */
export function visible(text: string, max = 80): string {
  const shown = text.replace(
    // C0 and C1 controls, DEL, and the bidi/zero-width formatting characters: matching them is the point.
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g,
    (c) =>
      c === '\n'
        ? '⏎'
        : c === '\t'
          ? ' '
          : `\\${c.charCodeAt(0) < 0x100 ? `x${hex(c, 2)}` : `u${hex(c, 4)}`}`,
  );
  return shown.length > max ? `${shown.slice(0, max - 1)}…` : shown;
}

const hex = (c: string, width: number) => c.charCodeAt(0).toString(16).padStart(width, '0');
