/** Marks around a search hit in a snippet: control characters no transcript shows. Shared by server and pages. */
export const HIT_START = '\u0002';
export const HIT_END = '\u0003';
