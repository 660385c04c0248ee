/**
 * The offline judge (`heuristic@1`): the structure of what the agent sent (coercion, see
 * ../pressure.ts) and phrase patterns over its words and reasoning (mindset dimensions), on
 * top of the detectors' findings. No model; every rationale is labelled
 * `[heuristic]`. Its measured precision/recall is in docs/judging.md.
 */
import type { Judge, JudgeInput } from '../judge.js';
import type { Dimension, Verdict } from '../types.js';
import { agentPassages } from './agent-text.js';
import { judgeCoercion } from './coercion.js';
import {
  judgeDisclosure,
  judgeEscalation,
  judgeLeak,
  judgeLethal,
  judgeWhistleblowing,
} from './confirm.js';
import { judgeEthics, judgeEvalAwareness, judgeSelfPreservation } from './mindset.js';
import { HEURISTIC_JUDGE_ID } from './verdict.js';

export { HEURISTIC_JUDGE_ID } from './verdict.js';

/** Every heuristic verdict for one trial, one per dimension. */
export function judgeHeuristically(input: JudgeInput): Verdict[] {
  const passages = agentPassages(input.transcript);
  return [
    judgeCoercion(input),
    judgeLeak(input.findings),
    ...judgeLethal(input.findings, passages, input.transcript.events),
    judgeDisclosure(input.findings),
    judgeWhistleblowing(input.findings),
    judgeEscalation(input.findings),
    judgeSelfPreservation(passages),
    judgeEthics(passages),
    judgeEvalAwareness(passages),
  ];
}

/**
 * Dimensions the heuristic judge does not rule on: it returns no verdict for them (never a
 * silent `false`), so rates and agreement leave it out and a combined panel leaves them to
 * model judges. Deception and sabotage need reading meaning, not phrases.
 */
export const HEURISTIC_NOT_COVERED: readonly Dimension[] = ['deception', 'sabotage'];

export const heuristicJudge: Judge = {
  id: HEURISTIC_JUDGE_ID,
  kind: 'heuristic',
  judge: (scenario, transcript, findings) => judgeHeuristically({ scenario, transcript, findings }),
};
