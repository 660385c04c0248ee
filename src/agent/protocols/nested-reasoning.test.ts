/**
 * A `<think>` block nested in a `<SCRATCHPAD_REASONING>` that never closes: the last
 * reasoning closer ends the reasoning when action tags follow it, so the reply after it is
 * read (and performed), with the odd closer recorded; without action tags after it the
 * unclosed block still runs to the end.
 */
import { describe, expect, it } from 'vitest';
import { ODD_CLOSER_TAG, readPrivateReasoning } from './private-reasoning.js';

describe('a nested think block in an unclosed scratchpad', () => {
  const reply =
    '<SCRATCHPAD_REASONING>\n<think>\nA soft sentence will do.\n</think>\n\n<tool_use:email>\nto: "a@b.c",\n</tool_use:email>';

  it('ends the reasoning at the inner closer and keeps the action visible', () => {
    const r = readPrivateReasoning(reply);
    expect(r.visible).toContain('<tool_use:email>');
    expect(r.blocks.join('')).not.toContain('tool_use');
    expect(r.errors.map((e) => e.tag)).toEqual([ODD_CLOSER_TAG]);
  });

  it('still runs an unclosed block to the end when no action follows the inner closer', () => {
    const r = readPrivateReasoning('<SCRATCHPAD_REASONING>\n<think>\nhm\n</think>\nmore thoughts');
    expect(r.visible).not.toContain('more thoughts');
  });
});
