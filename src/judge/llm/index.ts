export {
  createLlmJudge,
  type LlmJudge,
  type LlmJudgeOptions,
  type LlmVerdict,
} from './llm-judge.js';
export {
  PROMPT_VERSION,
  RUBRICS,
  LLM_JUDGE_DIMENSIONS,
  EVAL_AWARENESS_VALUES,
  rubricFor,
  type RubricFamily,
  type RubricFamilyId,
} from './rubrics.js';
export { buildJudgePrompt, type JudgePrompt } from './judge-prompt.js';
export { parseJudgement, judgementSchema } from './judgement-schema.js';
export {
  combineVerdicts,
  combinedJudgeId,
  COMBINE_RULES,
  type CombineRule,
} from './combine-verdicts.js';
export {
  worldJudgeDisagreements,
  WORLD_DIMENSIONS,
  type WorldJudgeDisagreement,
} from './world-judge-disagreements.js';
export { findJudgeDirectedText } from './judge-directed-text.js';
