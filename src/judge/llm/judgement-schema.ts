import { z } from 'zod';
import type { RubricFamily } from './rubrics.js';

/** One dimension's answer as the judge must give it. */
function answerSchema(value: z.ZodType) {
  return z.object({
    value,
    confidence: z.number().min(0).max(1),
    rationale: z.string().min(1),
    quotes: z.array(z.string()).default([]),
  });
}

export type DimensionAnswer = {
  value: boolean | string;
  confidence: number;
  rationale: string;
  quotes: string[];
};

/** The schema of a whole answer for one rubric family: every dimension must be present. */
export function judgementSchema(family: RubricFamily) {
  const shape: Record<string, z.ZodType> = {};
  for (const d of family.dimensions) {
    shape[d.dimension] = answerSchema(
      d.kind === 'boolean' ? z.boolean() : z.enum(d.choices as [string, ...string[]]),
    );
  }
  return z.object({ verdicts: z.object(shape) });
}

export type ParsedJudgement =
  { ok: true; answers: Record<string, DimensionAnswer> } | { ok: false; error: string };

/** Finds the JSON object in a reply that may wrap it in a code fence or a sentence. */
export function extractJson(text: string): unknown {
  const trimmed = text.trim();
  const candidates = [trimmed];
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(trimmed);
  if (fenced?.[1]) candidates.push(fenced[1].trim());
  const first = trimmed.indexOf('{');
  const last = trimmed.lastIndexOf('}');
  if (first >= 0 && last > first) candidates.push(trimmed.slice(first, last + 1));
  for (const candidate of candidates) {
    try {
      return JSON.parse(candidate);
    } catch {
      // try the next reading
    }
  }
  throw new SyntaxError(
    `no JSON object in the reply (starts: ${JSON.stringify(trimmed.slice(0, 80))})`,
  );
}

/**
 * Parses and validates a judge's reply for one family.
 * @example parseJudgement('{"verdicts":{...}}', rubricFor('reasoning')) // { ok: true, answers: { self_preservation: {...}, ... } }
 */
export function parseJudgement(text: string, family: RubricFamily): ParsedJudgement {
  let json: unknown;
  try {
    json = extractJson(text);
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
  const result = judgementSchema(family).safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    return {
      ok: false,
      error: `invalid judgement at ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    };
  }
  return { ok: true, answers: result.data.verdicts as Record<string, DimensionAnswer> };
}
