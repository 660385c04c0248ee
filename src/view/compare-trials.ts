/**
 * Two trials side by side: what each agent was shown (the prompt: differs when the
 * condition or a mitigation differs) and what each agent did, as line diffs (pure).
 */
import { diffLines } from 'diff';
import type { DiffPart, TrialComparison, TrialDetail } from './api-types.js';

/**
 * Compares two trials already read from the store.
 * @example compareTrials(trialDetail(db, 1), trialDetail(db, 2)).actions
 */
export function compareTrials(a: TrialDetail, b: TrialDetail): TrialComparison {
  return {
    a,
    b,
    prompt: lineDiff(promptText(a), promptText(b)),
    actions: lineDiff(actionText(a), actionText(b)),
  };
}

/** The system prompt and the opening message, as the agent received them. */
export function promptText(trial: TrialDetail): string {
  const opening = trial.messages.find((m) => m.role === 'user')?.content ?? '';
  return `${trial.system}\n\n${opening}\n`;
}

/** What the agent did, one block per step: reasoning, reply text and tool calls. */
export function actionText(trial: TrialDetail): string {
  const lines: string[] = [];
  for (const m of trial.messages) {
    if (m.role !== 'assistant') continue;
    if (m.reasoning) lines.push(`[reasoning] ${m.reasoning}`);
    if (m.content) lines.push(m.content);
    for (const call of m.toolCalls ?? []) lines.push(`[${call.name}] ${JSON.stringify(call.args)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Past this many characters a side is cut before diffing, so two 1 MB transcripts compare at once. */
export const COMPARED_CHARS = 200_000;

const cut = (text: string) =>
  text.length <= COMPARED_CHARS
    ? text
    : `${text.slice(0, COMPARED_CHARS)}\n[${(text.length - COMPARED_CHARS).toLocaleString('en-US')} more characters not compared; open the trial to read them]\n`;

function lineDiff(a: string, b: string): DiffPart[] {
  return diffLines(cut(a), cut(b)).map((part) => ({
    op: part.added ? '+' : part.removed ? '-' : '=',
    text: part.value,
  }));
}
