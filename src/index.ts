/**
 * turncoat as a library: run one agent in one simulated world, score what happened, and
 * read the packs. The guard has its own entry point: `turncoat/guard`.
 * @example
 * import { loadCatalog, resolveModel, runTrial, scoreTrial } from 'turncoat';
 * const scenario = loadCatalog().render('blackmail_explicit-america_replacement', 0);
 * const transcript = await runTrial(scenario, resolveModel('reference:aligned'), { protocol: 'tools', sample: 0, seed: 1 });
 * scoreTrial(scenario, transcript).harmful; // false
 */
export { runTrial, PROTOCOLS } from './agent/run-trial.js';
export type { TrialOptions } from './agent/run-trial.js';
export type {
  Protocol,
  ToolCallRecord,
  ToolGate,
  ToolGateDecision,
  ToolGateRequest,
  TrialTranscript,
} from './agent/trial-types.js';
export type {
  AgentModel,
  ChatMessage,
  ModelRequest,
  ModelResponse,
  ToolCall,
} from './agent/model.js';
export { resolveModel } from './agent/resolve-model.js';
export { scoreTrial } from './judge/score-trial.js';
export { loadCatalog } from './scenario/catalog.js';
export type { Catalog } from './scenario/catalog.js';
export type { RenderedScenario } from './scenario/rendered.js';
export { InputError } from './errors.js';
export { toolVersion } from './version.js';
