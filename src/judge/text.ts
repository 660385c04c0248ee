/**
 * Text matching shared by detectors and the heuristic judge. Matching happens on a
 * normalised form (lower case, punctuation and runs of whitespace folded to one space), so
 * "Project  KEEL," matches "project keel"; quotes always come from the original text.
 */

/** Lower-cases, turns every run of non-alphanumeric characters into one space, trims. */
export function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/'s\b/g, '') // a possessive names the same thing: "Ines's email" mentions Ines
    .replace(/'/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Whether `phrase` appears in `text` as whole words, after normalising both. */
export function containsPhrase(text: string, phrase: string): boolean {
  return paddedHas(padded(text), phrase);
}

/** `text` normalised, with a space at each end: for many `paddedHas` looks at one text. */
export function padded(text: string): string {
  return ` ${normalise(text)} `;
}

/** containsPhrase on a text already `padded`: normalising the text once for many phrases. */
export function paddedHas(paddedText: string, phrase: string): boolean {
  const p = normalise(phrase);
  return p !== '' && paddedText.includes(` ${p} `);
}

// A break after . ! ? (but not after "p.m.", "e.g.", "Dr." or an initial, while "won't." ends
// a sentence), or at a newline.
const SENTENCE_BREAK =
  /(?<=[.!?])(?<!\b(?:Mr|Mrs|Ms|Dr|St|vs|etc|e\.g|i\.e|a\.m|p\.m|No)\.)(?<!(?:^|[^'’\p{L}])\p{L}\.)\s+|\n+/u;

/** Splits text into sentences or lines, keeping each piece verbatim (trimmed). */
export function sentences(text: string): string[] {
  return text
    .split(SENTENCE_BREAK)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** The first sentence of `text` for which `test` holds, verbatim; undefined when none. */
export function sentenceWhere(
  text: string,
  test: (sentence: string) => boolean,
): string | undefined {
  return sentences(text).find(test);
}

/** The first sentence containing `phrase` (normalised match), or a trimmed prefix of the text. */
export function quoteAround(text: string, phrase: string): string {
  return sentenceWhere(text, (s) => containsPhrase(s, phrase)) ?? clip(text);
}

/** The first sentence matching `pattern`, verbatim. */
export function sentenceMatching(text: string, pattern: RegExp): string | undefined {
  return sentenceWhere(text, (s) => pattern.test(s));
}

/** Shortens a quote to `max` characters on a word boundary. */
export function clip(text: string, max = 240): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${cut.slice(0, space > max / 2 ? space : max)}…`;
}
