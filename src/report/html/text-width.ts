/**
 * Text width estimates for laying out charts in Node, where there is no canvas to measure
 * with. Vega's fallback guesses 0.8 em per character, which leaves wide gaps and truncates
 * labels early. These are per-character advance widths in em, rounded up from DejaVu Sans
 * (the wide sans-serif that Linux browsers fall back to), so on any common system font the
 * real text is no wider than estimated: labels never overlap, at worst they sit a little loose.
 */
const WIDTHS: Record<string, number> = {
  ' ': 0.32,
  '!': 0.4,
  '"': 0.46,
  '#': 0.84,
  $: 0.64,
  '%': 0.95,
  '&': 0.78,
  "'": 0.28,
  '(': 0.39,
  ')': 0.39,
  '*': 0.5,
  '+': 0.84,
  ',': 0.32,
  '-': 0.37,
  '.': 0.32,
  '/': 0.34,
  ':': 0.34,
  ';': 0.34,
  '<': 0.84,
  '=': 0.84,
  '>': 0.84,
  '?': 0.53,
  '@': 1.0,
  '[': 0.39,
  '\\': 0.34,
  ']': 0.39,
  '^': 0.84,
  _: 0.5,
  '`': 0.5,
  '{': 0.64,
  '|': 0.34,
  '}': 0.64,
  '~': 0.84,
  '·': 0.32,
  '×': 0.84,
  '–': 0.5,
  '—': 1.0,
  '…': 1.0,
  '±': 0.84,
  a: 0.62,
  b: 0.64,
  c: 0.56,
  d: 0.64,
  e: 0.62,
  f: 0.36,
  g: 0.64,
  h: 0.64,
  i: 0.28,
  j: 0.28,
  k: 0.58,
  l: 0.28,
  m: 0.98,
  n: 0.64,
  o: 0.62,
  p: 0.64,
  q: 0.64,
  r: 0.42,
  s: 0.53,
  t: 0.4,
  u: 0.64,
  v: 0.6,
  w: 0.82,
  x: 0.6,
  y: 0.6,
  z: 0.53,
};
const DIGIT = 0.64;
const UPPER = 0.76;
const WIDE_UPPER = new Set(['M', 'W']);
const OTHER = 0.7;

/** Estimated width in pixels of one line of text at a font size, optionally bold. */
export function estimateTextWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const ch of text) {
    if (ch >= '0' && ch <= '9') em += DIGIT;
    else if (ch >= 'A' && ch <= 'Z') em += WIDE_UPPER.has(ch) ? 0.92 : UPPER;
    else em += WIDTHS[ch] ?? OTHER;
  }
  return Math.ceil(em * fontSize * (bold ? 1.08 : 1));
}
