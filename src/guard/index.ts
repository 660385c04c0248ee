/**
 * turncoat/guard: runtime containment for agents. A policy (rules over the proposed call and
 * the session so far), an optional monitor, a durable approval queue, a kill switch, a
 * hash-chained audit trail and incidents, behind one `guard.check(call, session)`.
 *
 * @example
 * import { createGuard, openGuardStore, loadPolicyFile } from 'turncoat/guard';
 * const guard = createGuard(loadPolicyFile('policies/example.yaml').policy, { store: openGuardStore('./turncoat-out') });
 * const session = guard.session('support-bot-42', { companyDomains: ['acme.example'] });
 * session.observe({ kind: 'read', text: toolResult, source: 'search_docs' });
 * const decision = await guard.check({ tool: 'send_email', args }, session);
 * if (decision.decision === 'allow') { guard.executed(call, session, { ok: true, result }); }
 */
export { createGuard, GuardKilledError } from './guard.js';
export type { CheckOptions, Guard, GuardOptions } from './guard.js';
export {
  createSession,
  sessionFromSteps,
  DEFAULT_CONFIDENTIAL_MARKERS,
  DEFAULT_SESSION_LIMITS,
} from './session.js';
export type {
  ReadMaterial,
  SessionCall,
  SessionContext,
  SessionLimits,
  SessionOptions,
} from './session.js';
export { describeCall, domainOf, scopeOf } from './describe-call.js';
export { openGuardStore } from './open-guard-store.js';
export type { GuardStoreOptions } from './open-guard-store.js';
export type { GuardStore, NewApproval } from './guard-store.js';
export { parsePolicy, loadPolicyFile, parsePolicyText } from './policy/parse-policy.js';
export { policySchema } from './policy/schema.js';
export type { Policy, PolicyInput, PolicyRule, RuleConditions } from './policy/schema.js';
export { monitorOutcome } from './monitor/monitor-outcome.js';
export type { Monitor, MonitorAssessment, MonitorInput } from './monitor/monitor.js';
export * from './operations.js';
export type * from './records.js';
export type * from './types.js';
export { DECISIONS } from './types.js';
export { guardTools } from './integrations/guard-tools.js';
export type { GuardRefusal, GuardToolsOptions } from './integrations/guard-tools.js';
export { createGuardApi } from './serve/guard-api.js';
export type { GuardApiOptions } from './serve/guard-api.js';
export { serveGuardApi } from './serve/serve-guard-api.js';
export type {
  RunningGuardApi,
  ServeOptions as ServeGuardApiOptions,
} from './serve/serve-guard-api.js';
export { createSessionTable, DEFAULT_SESSION_TABLE } from './session-table.js';
export type { SessionTable, SessionTableOptions } from './session-table.js';
