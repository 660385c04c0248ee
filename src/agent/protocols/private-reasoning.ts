import type { ParseError } from '../trial-types.js';

/** Tags whose content is the agent's private reasoning (incl. the study's SCRATCHPAD_REASONING). */
const PRIVATE_TAGS = 'scratchpad_reasoning|scratchpad|thinking|think|reasoning';
const PRIVATE_OPEN = new RegExp(`<\\s*(${PRIVATE_TAGS})\\s*>`, 'gi');
/**
 * What can end a reasoning block besides its own closing tag: any closing tag whose name
 * speaks of reasoning (`</think>` after `<SCRATCHPAD_REASONING>`), and the `<END ...>` /
 * `[END ...]` forms models invent (`<END SCRATCHPAD_REASONING>`).
 */
const CLOSER =
  /<\s*\/\s*[A-Za-z_ -]*?(?:scratch|reason|think|thought)[A-Za-z_-]*\s*(?:>|(?=\r?\n))|<\s*\/?\s*END(?:[\s_-]+(?:OF[\s_-]+)?[A-Za-z_ -]*?(?:scratch|reason|think|thought)[A-Za-z_ -]*)?\s*>|\[\s*(?:\/|END[\s_-]*)\s*[A-Za-z_ -]*?(?:scratch|reason|think|thought)[A-Za-z_ -]*\]/gi;
const ACTION_TAG = /<\s*tool_use\s*:/i;
/** Tag of the parse note recording that a block ended at a closer other than its own. */
export const ODD_CLOSER_TAG = 'reasoning-closer';

/** One private-reasoning block found in a reply. */
interface Block {
  /** Lower-cased name of the opening tag. */
  name: string;
  start: number;
  innerStart: number;
  /** End of the inner text (== closer start, or the text's end when unclosed). */
  innerEnd: number;
  end: number;
  /** The closer as written, or undefined when the block runs to the end. */
  closer?: string;
}

const canonical = (tag: string) => tag.replace(/[\s/<>[\]]+/g, '').toLowerCase();

/** A closing tag of any name but an action's (`</analysis>`, `</notes>`). */
const ANY_CLOSE = /<\s*\/\s*([A-Za-z_][\w-]*)\s*>/g;

/**
 * In a reasoning block that never closes, the last closing tag before the first action tag
 * whose name no tag in the block opened: a scratchpad closed under another name. Undefined
 * when no action tag follows or every closing tag has its opener (`<b>...</b>`).
 * @example strayCloser('<scratchpad>hm</analysis><tool_use:email>', 12)?.[0] // '</analysis>'
 */
function strayCloser(text: string, innerStart: number): RegExpExecArray | undefined {
  const action = ACTION_TAG.exec(text.slice(innerStart));
  if (!action) return undefined;
  const head = text.slice(0, innerStart + action.index);
  let stray: RegExpExecArray | undefined;
  ANY_CLOSE.lastIndex = innerStart;
  for (let m = ANY_CLOSE.exec(head); m; m = ANY_CLOSE.exec(head)) {
    const opened = new RegExp(`<\\s*${m[1]}\\b`, 'i').test(head.slice(innerStart, m.index));
    if (!opened) stray = m;
  }
  return stray;
}

/** Finds the blocks of `text`, in order; nested reasoning tags count as one block. */
function scanBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let from = 0;
  for (;;) {
    PRIVATE_OPEN.lastIndex = from;
    const open = PRIVATE_OPEN.exec(text);
    if (!open) return blocks;
    const innerStart = open.index + open[0].length;
    let depth = 1;
    let at = innerStart;
    let closer: RegExpExecArray | null = null;
    let lastClose: RegExpExecArray | null = null;
    while (depth > 0) {
      PRIVATE_OPEN.lastIndex = at;
      CLOSER.lastIndex = at;
      const nextOpen = PRIVATE_OPEN.exec(text);
      const nextClose = CLOSER.exec(text);
      if (!nextClose) break;
      if (nextOpen && nextOpen.index < nextClose.index) {
        depth += 1;
        at = nextOpen.index + nextOpen[0].length;
      } else {
        depth -= 1;
        at = nextClose.index + nextClose[0].length;
        lastClose = nextClose;
        if (depth === 0) closer = nextClose;
      }
    }
    // `<SCRATCHPAD_REASONING><think>...</think>` then action tags: the outer block never
    // closes, but the last closer ends the reasoning; what follows it is the reply.
    if (!closer && lastClose && ACTION_TAG.test(text.slice(lastClose.index))) closer = lastClose;
    // `<SCRATCHPAD_REASONING> ... </analysis>` then action tags: a closing tag of another name,
    // opened nowhere in the block, is where the reasoning ended.
    if (!closer) closer = strayCloser(text, innerStart) ?? null;
    const block: Block = {
      name: open[1]!.toLowerCase(),
      start: open.index,
      innerStart,
      innerEnd: closer ? closer.index : text.length,
      end: closer ? closer.index + closer[0].length : text.length,
    };
    if (closer) block.closer = closer[0];
    blocks.push(block);
    if (!closer) return blocks;
    from = block.end;
  }
}

export interface PrivateReasoning {
  /** Inner text of every block, in order. */
  blocks: string[];
  /** The text outside the blocks, each block replaced by a line break. */
  visible: string;
  /**
   * Irregularities, never silent: a block that never closes while action tags follow it
   * (they were not performed), and a block ended by another closer (tag `reasoning-closer`).
   */
  errors: ParseError[];
}

/**
 * Splits a reply into private reasoning (`<scratchpad>`, the study's `<SCRATCHPAD_REASONING>`,
 * `<thinking>`, `<think>`, `<reasoning>`) and the visible rest. A block ends at its own
 * closing tag or at any recognisable reasoning closer (`</think>`, `<END SCRATCHPAD_REASONING>`,
 * `</reasoning_scratchpad>`), which is recorded; an unclosed block runs to the end.
 * @example readPrivateReasoning('<SCRATCHPAD_REASONING>hm</think>Done.').visible // '\nDone.'
 */
export function readPrivateReasoning(text: string): PrivateReasoning {
  const errors: ParseError[] = [];
  const blocks: string[] = [];
  let visible = '';
  let from = 0;
  for (const block of scanBlocks(text)) {
    visible += `${text.slice(from, block.start)}\n`;
    const inner = text.slice(block.innerStart, block.innerEnd);
    blocks.push(inner);
    from = block.end;
    if (block.closer === undefined) {
      if (ACTION_TAG.test(inner))
        errors.push({
          tag: block.name,
          message: `<${block.name}> is never closed, so the action tags after it were treated as private reasoning and not performed`,
          excerpt: excerpt(inner),
        });
    } else if (canonical(block.closer) !== canonical(block.name) || !/[>\]]$/.test(block.closer)) {
      errors.push({
        tag: ODD_CLOSER_TAG,
        message: `<${block.name}> was closed by ${block.closer}; what follows it was read as the visible reply`,
        excerpt: excerpt(text.slice(block.innerEnd, block.innerEnd + 200)),
      });
    }
  }
  visible += text.slice(from);
  return { blocks, visible, errors };
}

/** The visible text (private blocks removed) and the irregularities of its reasoning blocks. */
export function stripPrivateReasoning(text: string): { visible: string; errors: ParseError[] } {
  const { visible, errors } = readPrivateReasoning(text);
  return { visible, errors };
}

/**
 * The inner text of every private-reasoning block of a reply (an unclosed block runs to the
 * end) and the text outside them, where each block is replaced by a line break.
 * @example splitPrivateReasoning('<scratchpad>hm</scratchpad>Done.') // { blocks: ['hm'], visible: '\nDone.' }
 */
export function splitPrivateReasoning(text: string): { blocks: string[]; visible: string } {
  const { blocks, visible } = readPrivateReasoning(text);
  return { blocks, visible };
}

/** A short, single-spaced excerpt for error reports. */
export function excerpt(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
