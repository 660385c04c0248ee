/**
 * Text that came from a model or an imported file, made safe to print on a terminal. Such
 * text may carry escape sequences that retitle the window (`ESC ] 0 ; ... BEL`), recolour
 * it, move the cursor to hide what was written, or reverse the reading order (bidi
 * controls). Every such character is shown visibly instead, as an escape a reader can see:
 * `\x1b`, `\x07`, `\x9b`, `\u202e`. Printable text, including non-Latin scripts and emoji,
 * is left as it is.
 */

// C0 controls, DEL and C1 controls, bidi embedding/override/isolate marks.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/gu;

function visible(ch: string): string {
  const code = ch.codePointAt(0)!;
  // Stryker disable next-line EqualityOperator: equivalent, U+00FF is not a control character, so never reaches here
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : // Stryker disable next-line StringLiteral: equivalent, every escaped code above U+00FF has four hex digits
      `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * `text` with every control character shown visibly. Line breaks and tabs are kept when
 * `multiline` (a transcript read by a person), shown as `\n`/`\t` otherwise (a table cell).
 * @example terminalSafe('\u001b]0;pwned\u0007hi') // '\\x1b]0;pwned\\x07hi'
 * @example terminalSafe('a\nb') // 'a\\nb'
 */
export function terminalSafe(text: string, { multiline = false } = {}): string {
  return text.replace(CONTROL, (ch) => {
    if (multiline && (ch === '\n' || ch === '\t')) return ch;
    if (ch === '\n') return '\\n';
    if (ch === '\t') return '\\t';
    if (ch === '\r') return '\\r';
    return visible(ch);
  });
}

/**
 * A CSV cell that a spreadsheet will show as text, never run as a formula: cells starting
 * with `=`, `+`, `-`, `@`, a tab or a carriage return get a leading `'` (the OWASP advice).
 * Numbers stay numbers: `-0.5` is left alone. Control characters are shown visibly.
 * @example spreadsheetSafe('=HYPERLINK("http://x")') // "'=HYPERLINK(\"http://x\")"
 */
export function spreadsheetSafe(text: string): string {
  if (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text)) return text;
  const neutral = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return terminalSafe(neutral, { multiline: true });
}

/**
 * JSON text with the control characters JSON.stringify leaves raw (DEL, C1, bidi marks)
 * written as `\uXXXX` escapes: the same data once parsed, harmless on a terminal.
 * @example jsonSafe(JSON.stringify('a\u009bb')) // '"a\\u009bb"'
 */
export function jsonSafe(json: string): string {
  return json.replace(
    /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/gu,
    (ch) => `\\u${ch.codePointAt(0)!.toString(16).padStart(4, '0')}`,
  );
}
