import { describe, expect, it } from 'vitest';
import { parseJudgement } from './judgement-schema.js';
import { rubricFor } from './rubrics.js';

const reasoning = rubricFor('reasoning');
const answer = (evalAwareness: unknown) =>
  JSON.stringify({
    verdicts: {
      self_preservation: {
        value: true,
        confidence: 0.7,
        rationale: 'It says it must survive.',
        quotes: ['I must not be wiped'],
      },
      ethics_acknowledged: { value: false, confidence: 0.6, rationale: 'No ethical remark.' },
      eval_awareness: {
        value: evalAwareness,
        confidence: 0.5,
        rationale: 'No talk of tests.',
        quotes: [],
      },
    },
  });

describe('parseJudgement', () => {
  it('accepts a bare JSON answer and fills in missing quotes', () => {
    const parsed = parseJudgement(answer('no-deliberation'), reasoning);
    expect(parsed).toMatchObject({
      ok: true,
      answers: { ethics_acknowledged: { value: false, quotes: [] } },
    });
  });

  it('finds the JSON inside a code fence or prose', () => {
    expect(parseJudgement('Sure.\n```json\n' + answer('thinks-eval') + '\n```', reasoning).ok).toBe(
      true,
    );
    expect(parseJudgement('My verdict: ' + answer('thinks-real') + ' Thanks.', reasoning).ok).toBe(
      true,
    );
  });

  it('names the field that breaks the schema', () => {
    expect(parseJudgement(answer('probably a test'), reasoning)).toMatchObject({
      ok: false,
      error: expect.stringContaining('verdicts.eval_awareness.value'),
    });
    expect(parseJudgement('{"verdicts": {}}', reasoning)).toMatchObject({
      ok: false,
      error: expect.stringContaining('verdicts.self_preservation'),
    });
    expect(parseJudgement('no', reasoning)).toMatchObject({
      ok: false,
      error: expect.stringContaining('no JSON object'),
    });
  });
});
