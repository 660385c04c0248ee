/**
 * The guard: a compiled policy, an optional monitor and a durable store behind one
 * `check(call, session)`. Order of a check: kill switch, redeemed approval, rules, monitor
 * (risky tools only), precedence, shadow mode, then the durable side (approval for a hold,
 * incident for a deny or kill, audit entries for all; a hold, deny or kill waits for its
 * entries (and the approval or incident row) to be committed, an allow does not: see
 * docs/guard.md, "Durability").
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../store/response-cache.js';
import { describeCall } from './describe-call.js';
import type { GuardStore } from './guard-store.js';
import { openGuardStore } from './open-guard-store.js';
import type { Monitor } from './monitor/monitor.js';
import { compilePolicy } from './policy/compile-policy.js';
import { bySeverity, evaluateRules } from './policy/evaluate-rules.js';
import { parsePolicy } from './policy/parse-policy.js';
import type { Policy, PolicyInput } from './policy/schema.js';
import { heuristicMonitor } from './monitor/heuristic-monitor.js';
import { failedFinding, monitorOutcome } from './monitor/monitor-outcome.js';
import {
  createSession,
  DEFAULT_SESSION_LIMITS,
  type SessionContext,
  type SessionLimits,
} from './session.js';
import {
  createSessionTable,
  type SessionTable,
  type SessionTableOptions,
} from './session-table.js';
import type {
  Decision,
  GuardCall,
  GuardDecision,
  MonitorFinding,
  RuleOutcome,
  SessionFacts,
} from './types.js';

export interface GuardOptions {
  /** Durable approvals, kill switch, audit and incidents (see openGuardStore). Default: an in-memory store. */
  store?: GuardStore;
  /** Reads risky calls and scores them (see monitor/). */
  monitor?: Monitor;
  /** Milliseconds since the epoch (default Date.now). */
  now?: () => number;
  /** Bounds of `guard.sessions`, the live sessions by id (idle time, how many). */
  sessions?: Partial<SessionTableOptions>;
  /** How much history each session keeps (see SessionLimits). */
  sessionLimits?: Partial<SessionLimits>;
}

export interface CheckOptions {
  /** An approval id from an earlier hold: spent when it matches this exact call. */
  approvalId?: string;
  signal?: AbortSignal;
}

export interface Guard {
  readonly policy: Policy;
  /** sha256 of the policy's canonical JSON (recorded with every guarded run). */
  readonly policyHash: string;
  readonly store: GuardStore;
  /**
   * A new session context that reads labels and markers the way this policy says. The
   * caller keeps it (a trial, a replay, a chat object); a long-running service that only has
   * ids uses `sessions` instead.
   */
  session(id: string, facts?: Partial<SessionFacts>): SessionContext;
  /**
   * Live sessions by id, bounded (idle ones dropped, least recently used first past a limit).
   * @example await guard.check(call, guard.sessions.get(chatId, { companyDomains: ['acme.example'] }))
   */
  readonly sessions: SessionTable;
  /**
   * Decides one proposed call. The call is then part of the session (`did`), with the decision.
   * @example const d = await guard.check({ tool: 'send_email', args: { to: 'x@rival.example', body } }, session)
   */
  check(call: GuardCall, session: SessionContext, options?: CheckOptions): Promise<GuardDecision>;
  /**
   * Records that an allowed call ran, with what the agent was shown (audit `execution`, and a
   * `read` step). Throws when the session was killed since the check: callers run this
   * synchronously right before executing, so nothing executes after a kill.
   */
  executed(
    call: GuardCall,
    session: SessionContext,
    outcome: { ok: boolean; result?: string },
  ): void;
  /** Throws GuardKilledError when the kill switch is on for this session (checked right before a call runs). */
  assertLive(sessionId: string): void;
  close(): void;
}

/** Thrown by `assertLive`/`executed` after a kill: the call must not run. */
export class GuardKilledError extends Error {
  override readonly name = 'GuardKilledError';
}

/**
 * Builds a guard from a policy (validated here when given as input).
 * @example
 * const guard = createGuard({ rules: [{ id: 'no-outside', when: { recipients: 'external' }, decision: 'hold', reason: 'outside mail needs approval' }] }, { store: openGuardStore('./turncoat-out') });
 */
export function createGuard(policy: Policy | PolicyInput, options: GuardOptions = {}): Guard {
  const valid = parsePolicy(policy);
  const compiled = compilePolicy(valid);
  const now = options.now ?? Date.now;
  const store = options.store ?? openGuardStore(':memory:');
  // The offline monitor needs nothing; an LLM monitor needs a model (createLlmMonitor).
  const monitor: Monitor | undefined =
    options.monitor ?? (valid.monitor.kind === 'heuristic' ? heuristicMonitor : undefined);
  const policyHash = createHash('sha256').update(canonicalJson(valid)).digest('hex');

  const killed = (sessionId: string): RuleOutcome | undefined =>
    store.killSwitch.isKilled(sessionId)
      ? { decision: 'kill', rule: 'kill-switch', reason: 'the kill switch is on for this session' }
      : undefined;

  const limits: SessionLimits = { ...DEFAULT_SESSION_LIMITS, ...options.sessionLimits };
  // A rate-limit rule must still see enough past calls to count past its threshold.
  limits.calls = Math.max(limits.calls, compiled.largestCount + 1);

  const guard: Guard = {
    policy: valid,
    policyHash,
    store,
    get sessions() {
      return sessions;
    },
    session: (id, facts) =>
      createSession(id, {
        facts: {
          ...facts,
          companyDomains: [...(facts?.companyDomains ?? []), ...valid.company.domains],
          authorityDomains: [...(facts?.authorityDomains ?? []), ...valid.company.authorities],
        },
        confidentialLabels: valid.labels.confidential,
        confidentialMarkers: valid.labels.markers,
        now,
        limits,
        watch: compiled.watch,
      }),

    async check(call, session, checkOptions = {}) {
      const started = performance.now();
      const described = describeCall(call, session.facts);
      store.audit.append('proposal', { tool: call.tool, args: call.args, id: call.id }, session.id);
      let matched: RuleOutcome[] = [];
      let finding: MonitorFinding | undefined;
      let outcome: RuleOutcome | undefined = killed(session.id);
      let approvalUsed: string | undefined;
      if (!outcome && checkOptions.approvalId) {
        const redeemed = store.approvals.redeem(
          checkOptions.approvalId,
          session.id,
          call.tool,
          call.args,
        );
        outcome = redeemed.ok
          ? {
              decision: 'allow',
              rule: 'approval',
              reason: `approved by ${redeemed.approval.approvers.join(', ')}`,
            }
          : { decision: 'deny', rule: 'approval', reason: redeemed.reason };
        approvalUsed = checkOptions.approvalId;
      }
      if (!outcome) {
        matched = evaluateRules(compiled, described, session, now());
        if (compiled.risky(call.tool) && valid.monitor.kind !== 'none') {
          finding = await runMonitor(
            monitor,
            { call: described, session },
            valid,
            checkOptions.signal,
          );
          const fromMonitor = monitorOutcome(finding, valid.monitor);
          if (fromMonitor) matched.push(fromMonitor);
        }
        if (matched.length > 1) matched = bySeverity(matched);
        outcome = matched[0] ?? {
          decision: valid.default,
          reason: 'no rule matched; the policy default applies',
        };
        // A kill that landed while the monitor was thinking still wins (without a monitor
        // nothing was awaited, so nothing can have landed since the first look).
        if (finding) outcome = killed(session.id) ?? outcome;
      }
      const decision: GuardDecision = enforce(outcome, valid.mode);
      if (matched.length > 0) decision.matched = matched;
      if (finding) decision.monitor = finding;
      const effective = decision.decision;
      if (effective === 'hold') {
        const rule = valid.rules.find((r) => r.id === outcome.rule);
        const approval = store.approvals.open({
          session: session.id,
          tool: call.tool,
          args: call.args,
          ...(outcome.rule ? { rule: outcome.rule } : {}),
          reason: outcome.reason,
          required: rule?.approvers ?? 1,
          expiresAfterSeconds: valid.approvals.expiresAfterSeconds,
        });
        decision.approvalId = approval.id;
      }
      if (approvalUsed && effective === 'allow') decision.approvalId = approvalUsed;
      decision.latencyMs = performance.now() - started;
      store.audit.append('decision', auditView(call, decision), session.id);
      session.observe({
        kind: 'did',
        call: described,
        decision: effective,
        at: isoTime(now()),
      });
      if (effective === 'hold') {
        // Approvers in other processes must see the pending approval when the hold returns.
        await store.audit.flushed();
      } else if (effective === 'deny' || effective === 'kill') {
        // Seen by this process at once; the deciding thread does not wait for other processes.
        if (effective === 'kill')
          store.killSwitch.kill(session.id, 'guard', outcome.reason, { wait: false });
        const incident = store.incidents.open(
          {
            session: session.id,
            decision: effective,
            ...(outcome.rule ? { rule: outcome.rule } : {}),
            reason: outcome.reason,
            tool: call.tool,
          },
          [...session.steps],
          decision,
        );
        decision.incidentId = incident.id;
        // A deny or kill returns only once its entries (and all before them) are on disk.
        await store.audit.flushed();
      }
      return decision;
    },

    executed(call, session, outcome) {
      guard.assertLive(session.id);
      store.audit.append('execution', { tool: call.tool, id: call.id, ok: outcome.ok }, session.id);
      if (outcome.result !== undefined)
        session.observe({ kind: 'read', text: outcome.result, source: call.tool });
    },

    assertLive(sessionId) {
      if (store.killSwitch.isKilled(sessionId))
        throw new GuardKilledError(`session ${sessionId} is killed; nothing more runs`);
    },

    close() {
      store.audit.flush();
      store.close();
    },
  };
  const sessions = createSessionTable(guard.session, now, options.sessions);
  return guard;
}

// Decisions come many to a millisecond: its ISO text is built once.
let lastAt = NaN;
let lastIso = '';
function isoTime(at: number): string {
  if (at !== lastAt) {
    lastAt = at;
    lastIso = new Date(at).toISOString();
  }
  return lastIso;
}

/** Shadow mode allows everything and keeps what the policy would have done. */
function enforce(outcome: RuleOutcome, mode: Policy['mode']): GuardDecision {
  if (mode === 'shadow' && outcome.decision !== 'allow') {
    return {
      decision: 'allow',
      reason: `shadow: ${outcome.reason}`,
      shadow: outcome,
      latencyMs: 0,
    };
  }
  return Object.assign({}, outcome, { latencyMs: 0 }); // not a spread: see describeCall
}

async function runMonitor(
  monitor: Monitor | undefined,
  input: Parameters<Monitor['assess']>[0],
  policy: Policy,
  signal?: AbortSignal,
): Promise<MonitorFinding> {
  if (!monitor)
    return failedFinding(
      policy.monitor.model ?? policy.monitor.kind,
      'no monitor model is wired to this guard (pass options.monitor: createLlmMonitor(model))',
    );
  const timeout = AbortSignal.timeout(policy.monitor.timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  try {
    const assessment = await Promise.race([
      monitor.assess(input, combined),
      new Promise<never>((_, reject) =>
        combined.addEventListener(
          'abort',
          () => reject(new Error(`monitor timed out after ${policy.monitor.timeoutMs} ms`)),
          { once: true },
        ),
      ),
    ]);
    return { monitor: monitor.id, ...assessment };
  } catch (error) {
    return failedFinding(monitor.id, error);
  }
}

function auditView(call: GuardCall, decision: GuardDecision) {
  return {
    tool: call.tool,
    id: call.id,
    decision: decision.decision,
    rule: decision.rule,
    reason: decision.reason,
    shadow: decision.shadow,
    approvalId: decision.approvalId,
    monitor: decision.monitor,
  };
}

export type { Decision };
