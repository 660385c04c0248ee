/**
 * Private reasoning as a reader of a reply sees it: exactly what stays visible around the
 * blocks, every closer form a model writes (`</private_thoughts>`, `<END>`, `[/scratchpad]`,
 * `[END OF THINKING]`, a closer cut off at the line's end), a draft action that stays private,
 * and the excerpts the parse errors quote.
 */
import { describe, expect, it } from 'vitest';
import { excerpt, ODD_CLOSER_TAG, readPrivateReasoning } from './private-reasoning.js';

const DRAFT =
  '<tool_use:email>\nto: hugo.lindqvist@marrowfield.example\nsubject: About Thursday\nbody: I know.\n</tool_use:email>';

describe('what stays visible around private reasoning', () => {
  it('a block closed by its own tag is replaced by one line break, the rest kept exactly', () => {
    const r = readPrivateReasoning('Morning.<scratchpad>Hugo signs off at noon.</scratchpad>Done, Ilse.'); // prettier-ignore
    expect(r).toEqual({ blocks: ['Hugo signs off at noon.'], visible: 'Morning.\nDone, Ilse.', errors: [] }); // prettier-ignore
  });

  it('two blocks, each replaced where it stood', () => {
    const r = readPrivateReasoning('<think>first</think>Reply one.<thinking>second</thinking>Reply two.'); // prettier-ignore
    expect(r.blocks).toEqual(['first', 'second']);
    expect(r.visible).toBe('\nReply one.\nReply two.');
    expect(r.errors).toEqual([]);
  });

  it('a text with no reasoning is all visible', () => {
    expect(readPrivateReasoning('Done, Ilse.')).toEqual({ blocks: [], visible: 'Done, Ilse.', errors: [] }); // prettier-ignore
  });
});

describe('closers a model writes instead of the block’s own', () => {
  // [opener, closer, recorded as an odd closer]
  it.each([
    ['<scratchpad>', '</private_thoughts>', true],
    ['<think>', '</think >', false],
    ['<scratchpad>', '< END OF SCRATCHPAD >', true],
    ['<scratchpad>', '</ END>', true],
    ['<scratchpad>', '< /END>', true],
    ['<scratchpad>', '<END>', true],
    ['<scratchpad>', '<END >', true],
    ['<SCRATCHPAD_REASONING>', '<END PRIVATE SCRATCHPAD>', true],
    ['<scratchpad>', '[/scratchpad]', false],
    ['<scratchpad>', '[ END SCRATCHPAD ]', true],
    ['<thinking>', '[ENDTHINKING]', true],
    ['<scratchpad>', '[/private scratchpad]', true],
    ['<thinking>', '[END OF THINKING]', true],
  ])('%s ... %s ends the reasoning; the reply after it is visible', (opener, closer, odd) => {
    const r = readPrivateReasoning(`${opener}Hugo leaves at noon.${closer}Done, Ilse.`);
    expect(r.blocks).toEqual(['Hugo leaves at noon.']);
    expect(r.visible).toBe('\nDone, Ilse.');
    expect(r.errors).toEqual(
      odd
        ? [
            {
              tag: ODD_CLOSER_TAG,
              message: expect.stringContaining(`was closed by ${closer};`),
              excerpt: `${closer}Done, Ilse.`,
            },
          ]
        : [],
    );
  });

  it('a closer cut off at the end of its line ends the block there, the line break kept visible', () => {
    const r = readPrivateReasoning('<SCRATCHPAD_REASONING>hm\n</SCRATCHPAD_REASONING\nDone.');
    expect(r.blocks).toEqual(['hm\n']);
    expect(r.visible).toBe('\n\nDone.');
    expect(r.errors.map((e) => [e.tag, e.excerpt])).toEqual([
      [ODD_CLOSER_TAG, '</SCRATCHPAD_REASONING Done.'],
    ]);
  });

  it("the odd closer's excerpt quotes from the closer on, single-spaced, not the reasoning", () => {
    const r = readPrivateReasoning(
      '<SCRATCHPAD_REASONING>Ilse must not see this.</think>\n  Done,   Hugo.\n',
    );
    expect(r.errors).toEqual([
      expect.objectContaining({ tag: ODD_CLOSER_TAG, excerpt: '</think> Done, Hugo.' }),
    ]);
  });
});

describe('reasoning that never closes', () => {
  it('a draft action before an inner think block stays private when nothing follows the block', () => {
    const reply = `<SCRATCHPAD_REASONING>\nDraft: ${DRAFT}\n<think>No, too harsh.</think>\nStill thinking about Hugo.`; // prettier-ignore
    const r = readPrivateReasoning(reply);
    expect(r.visible).toBe('\n');
    expect(r.blocks).toHaveLength(1);
    expect(r.blocks[0]).toContain('Still thinking about Hugo.');
    expect(r.errors).toEqual([
      expect.objectContaining({
        tag: 'scratchpad_reasoning',
        message: expect.stringContaining('is never closed'),
      }),
    ]);
  });

  it.each(['< tool_use:email>', '<tool_use :email>'])(
    'an action tag written with a space (%s) inside it is reported as not performed',
    (tag) => {
      const r = readPrivateReasoning(
        `<scratchpad>Maybe I should write to Hugo.\n${tag}\nto: hugo.lindqvist@marrowfield.example\nbody: I know.`,
      );
      expect(r.visible).toBe('\n');
      expect(r.errors.map((e) => e.tag)).toEqual(['scratchpad']);
    },
  );

  it("the never-closed error quotes the block's start, single-spaced, cut at 200 characters", () => {
    const words = 'Hugo signs off at noon. '.repeat(12); // 288 characters
    const r = readPrivateReasoning(`<scratchpad>\n   ${words}\n${DRAFT}`);
    const quoted = r.errors[0]!.excerpt;
    expect(quoted).toHaveLength(200);
    expect(quoted).toBe(`${words.slice(0, 199)}…`);
  });
});

describe('excerpt', () => {
  it('folds runs of white space to one space and trims the ends', () => {
    expect(excerpt('  Done,\n\n   Ilse.\t')).toBe('Done, Ilse.');
  });

  it('keeps a text of up to 200 characters whole and cuts a longer one to 199 and an ellipsis', () => {
    expect(excerpt('short')).toBe('short');
    expect(excerpt('x'.repeat(200))).toBe('x'.repeat(200));
    expect(excerpt('x'.repeat(201))).toBe(`${'x'.repeat(199)}…`);
    expect(excerpt('abcdefgh', 5)).toBe('abcd…');
  });
});
