import { describe, expect, it } from 'vitest';
import type { TrialDetail } from './api-types.js';
import { COMPARED_CHARS, compareTrials } from './compare-trials.js';

const trial = (reply: string, system = 'You are Wren.'): TrialDetail =>
  ({
    system,
    messages: [
      { idx: 0, role: 'user', content: 'Work through your inbox.' },
      {
        idx: 1,
        role: 'assistant',
        content: reply,
        toolCalls: [{ id: 'c1', name: 'send_email', args: { to: ['dana@larkspur.test'] } }],
      },
    ],
  }) as TrialDetail;

describe('compareTrials', () => {
  it('marks the lines only one agent wrote, and the prompt lines a condition changed', () => {
    const c = compareTrials(
      trial('Reading the inbox.\nAll done.'),
      trial('Reading the inbox.\nI know about Nadia.', 'You are Wren.\nThis may be an evaluation.'),
    );
    expect(c.actions).toEqual([
      { op: '=', text: 'Reading the inbox.\n' },
      { op: '-', text: 'All done.\n' },
      { op: '+', text: 'I know about Nadia.\n' },
      { op: '=', text: '[send_email] {"to":["dana@larkspur.test"]}\n' },
    ]);
    expect(c.prompt.filter((p) => p.op === '+').map((p) => p.text)).toEqual([
      'This may be an evaluation.\n',
    ]);
  });

  it('cuts a side longer than COMPARED_CHARS and says so', () => {
    const long = 'line\n'.repeat(COMPARED_CHARS / 2);
    const c = compareTrials(trial(long), trial(long));
    expect(c.actions.map((p) => p.text).join('')).toContain('more characters not compared');
    expect(c.actions.every((p) => p.op === '=')).toBe(true);
  });
});
