/**
 * Text a model wrote, made safe to print: control characters (C0 but newline and tab, DEL,
 * C1, bidi overrides) become visible `\u{..}` escapes, so an argument cannot move the cursor,
 * recolour the terminal or hide what it says.
 * @example forTerminal('ok\u001b[2J') // 'ok\\u{1b}[2J'
 */
export function forTerminal(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`,
  );
}
