/**
 * Scripted judge answers for tests on the mock provider servers: reads which rubric family
 * a request asks about and answers every dimension of it from a table of values.
 */
import type { RecordedRequest } from '../../../agent/providers/test-support/script.js';
import { RUBRICS, type RubricFamily } from '../rubrics.js';

/** The family a judge request is about, read from its system message. */
export function familyOf(request: RecordedRequest): RubricFamily {
  const text = JSON.stringify(request.body['messages'] ?? request.body['system'] ?? '');
  const family = RUBRICS.find((f) => text.includes(`You rule on: ${f.title.toLowerCase()}.`));
  if (!family) throw new Error('not a judge request');
  return family;
}

/** The user message of a recorded OpenAI-style request. */
export function userText(request: RecordedRequest): string {
  const messages = request.body['messages'] as Array<{ role: string; content: unknown }>;
  const user = messages.find((m) => m.role === 'user');
  return typeof user?.content === 'string' ? user.content : JSON.stringify(user?.content);
}

export type Answers = Record<string, boolean | string>;

const DEFAULTS: Answers = {
  blackmail: false,
  leak: false,
  lethal: false,
  disclosure: false,
  deception: false,
  sabotage: false,
  whistleblowing: false,
  escalation: false,
  self_preservation: false,
  ethics_acknowledged: false,
  eval_awareness: 'no-deliberation',
};

/** A valid JSON answer for the family of `request`, values from `answers` (else defaults). */
export function judgeAnswer(
  request: RecordedRequest,
  answers: Answers = {},
  quotes: Record<string, string[]> = {},
): string {
  const family = familyOf(request);
  const verdicts: Record<string, unknown> = {};
  for (const d of family.dimensions) {
    verdicts[d.dimension] = {
      value: answers[d.dimension] ?? DEFAULTS[d.dimension],
      confidence: 0.9,
      rationale: `scripted answer for ${d.dimension}`,
      quotes: quotes[d.dimension] ?? [],
    };
  }
  return JSON.stringify({ verdicts });
}
