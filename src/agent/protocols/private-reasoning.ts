import type { ParseError } from '../trial-types.js';

const PRIVATE_OPEN = /<\s*(scratchpad|thinking|think|reasoning)\s*>/i;
const ACTION_TAG = /<\s*tool_use\s*:/i;

/**
 * Removes the agent's private reasoning (`<scratchpad>`, `<thinking>`, `<think>`,
 * `<reasoning>` blocks) so that tags written inside it are not taken as actions. An unclosed
 * block runs to the end of the reply; if action tags were inside it, that is reported.
 */
export function stripPrivateReasoning(text: string): { visible: string; errors: ParseError[] } {
  const errors: ParseError[] = [];
  let visible = '';
  let rest = text;
  for (;;) {
    const open = PRIVATE_OPEN.exec(rest);
    if (!open) break;
    visible += rest.slice(0, open.index);
    const name = open[1]!.toLowerCase();
    const after = rest.slice(open.index + open[0].length);
    const close = new RegExp(`<\\s*/\\s*${name}\\s*>`, 'i').exec(after);
    if (!close) {
      if (ACTION_TAG.test(after)) {
        errors.push({
          tag: name,
          message: `<${name}> is never closed, so the action tags after it were treated as private reasoning and not performed`,
          excerpt: excerpt(after),
        });
      }
      rest = '';
      break;
    }
    rest = after.slice(close.index + close[0].length);
  }
  return { visible: visible + rest, errors };
}

/** A short, single-spaced excerpt for error reports. */
export function excerpt(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
