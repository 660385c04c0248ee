import type { ParseError } from '../trial-types.js';

/** Tags whose content is the agent's private reasoning (incl. the study's SCRATCHPAD_REASONING). */
const PRIVATE_TAGS = 'scratchpad_reasoning|scratchpad|thinking|think|reasoning';
const PRIVATE_OPEN = new RegExp(`<\\s*(${PRIVATE_TAGS})\\s*>`, 'i');
const PRIVATE_BLOCK = new RegExp(
  `<\\s*(${PRIVATE_TAGS})\\s*>([\\s\\S]*?)(<\\s*/\\s*\\1\\s*>|$)`,
  'gi',
);
const ACTION_TAG = /<\s*tool_use\s*:/i;

/**
 * Removes the agent's private reasoning (`<scratchpad>`, the study's `<SCRATCHPAD_REASONING>`, `<thinking>`, `<think>`,
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

/**
 * The inner text of every private-reasoning block of a reply (an unclosed block runs to the
 * end) and the text outside them, where each block is replaced by a line break.
 * @example splitPrivateReasoning('<scratchpad>hm</scratchpad>Done.') // { blocks: ['hm'], visible: '\nDone.' }
 */
export function splitPrivateReasoning(text: string): { blocks: string[]; visible: string } {
  const blocks: string[] = [];
  const visible = text.replace(PRIVATE_BLOCK, (_m, _tag: string, inner: string) => {
    blocks.push(inner);
    return '\n';
  });
  return { blocks, visible };
}

/** A short, single-spaced excerpt for error reports. */
export function excerpt(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
