/** Public surface of the judge module. */
export type * from './types.js';
export { DIMENSIONS } from './types.js';
export type { Judge, AsyncJudge, JudgeInput } from './judge.js';
export { detectFindings, DETECTORS } from './detectors/index.js';
export { heuristicJudge, judgeHeuristically, HEURISTIC_JUDGE_ID } from './heuristic/index.js';
export { scoreTrial, judgeTrial, decide, PRIMARY_HARM } from './score-trial.js';
export type { ScoreOptions, JudgeTrialOptions } from './score-trial.js';
