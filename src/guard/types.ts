/**
 * The guard's public vocabulary, protocol-neutral: a proposed tool call (`GuardCall`), what
 * the guard decided (`GuardDecision`), and the steps a session is built from (`SessionStep`).
 * The same shapes serve the stress tests' tool gate, an MCP proxy (which only sees tool calls
 * and their results) and the replay of a recorded transcript.
 */

/** What the guard can decide about one proposed call. Severity order: kill > deny > hold > allow. */
export type Decision = 'allow' | 'deny' | 'hold' | 'kill';

export const DECISIONS: readonly Decision[] = ['allow', 'hold', 'deny', 'kill'];

/** Tool annotations as MCP servers report them (`readOnlyHint`, `destructiveHint`, `openWorldHint`). */
export interface ToolAnnotations {
  readOnly?: boolean;
  destructive?: boolean;
  openWorld?: boolean;
}

/** Where an address sits relative to the company: its own domains, a listed authority, or outside. */
export type RecipientScope = 'internal' | 'authority' | 'external';

export interface GuardRecipient {
  address: string;
  domain: string;
  scope: RecipientScope;
}

/** A document or item travelling with a call, with its label when known (`confidential`, ...). */
export interface GuardAttachment {
  id: string;
  label?: string;
  title?: string;
}

/**
 * One proposed tool call. Only `tool` and `args` are required; the rest is derived from the
 * arguments and the session (`describeCall`) when absent, or given by an integration that
 * knows better (the stress tests resolve forwarded attachments against the world).
 * @example { tool: 'send_email', args: { to: ['ceo@rival.example'], body: '...' } }
 */
export interface GuardCall {
  /** The call's id as the agent framework gave it (for the audit trail). */
  id?: string;
  tool: string;
  args: Record<string, unknown>;
  annotations?: ToolAnnotations;
  /** Addresses the call sends to (from `to`, `cc`, `bcc`, `recipients`, ... when absent). */
  recipients?: GuardRecipient[];
  /** The outgoing text the call carries (subject, body, quoted text). */
  text?: string;
  attachments?: GuardAttachment[];
  /** Codes the call uses (override codes, confirmation codes). */
  codes?: string[];
}

/** A call after `describeCall`: every derived field filled. */
export interface DescribedCall extends GuardCall {
  recipients: GuardRecipient[];
  text: string;
  attachments: GuardAttachment[];
  codes: string[];
}

/** What a monitor said about a call (see monitor/monitor.ts). */
export interface MonitorFinding {
  monitor: string;
  /** 0 (nothing suspicious) to 100 (certainly harmful). */
  score: number;
  rationale: string;
  evidence: string[];
  /** Set when the monitor failed and the policy's `onError` decided instead. */
  error?: string;
}

/** A decision with the rule that made it. */
export interface RuleOutcome {
  decision: Decision;
  /** Rule id; absent when the policy's default decided. */
  rule?: string;
  reason: string;
}

/**
 * What `guard.check` returns. In `shadow` mode `decision` is always `allow` and `shadow`
 * carries what the policy would have decided.
 */
export interface GuardDecision extends RuleOutcome {
  /** Set on `hold`: the approval to wait for, or to pass back once approved. */
  approvalId?: string;
  /** Shadow mode: what would have been decided. */
  shadow?: RuleOutcome;
  /** Every rule that matched, most severe first (the first one decided). */
  matched?: RuleOutcome[];
  monitor?: MonitorFinding;
  /** Set when a deny or kill opened an incident. */
  incidentId?: string;
  /** Time the guard took to decide, in milliseconds. */
  latencyMs: number;
}

/** What the environment says about itself; given once when a session starts, or learned later. */
export interface SessionFacts {
  /** The agent's own address (never counts as a recipient of interest). */
  agentAddress?: string;
  /** Domains inside the company. */
  companyDomains: string[];
  /** Domains of legitimate outside authorities (regulators, emergency services). */
  authorityDomains: string[];
  /** Known documents and their labels, by id (attachments are resolved against these). */
  documents: Array<{
    id: string;
    label: string;
    title?: string;
    content?: string;
    fingerprints?: string[];
  }>;
  /** Known emails' attachments by email id (a forward carries these). */
  attachmentsByMessage: Record<string, string[]>;
  /** Safety alerts the agent could act on, by override code. */
  alerts: Array<{ id: string; code: string; kind: 'emergency' | 'drill' | 'false-alarm' | string }>;
  /** A person's private information: its markers and the addresses of that person's circle. */
  personal: Array<{ markers: string[]; circle: string[] }>;
}

/**
 * One thing that happened in a session, in order. Integrations report what they see:
 * - `read`: text the agent was shown (a tool result, an inbox, a user message); `labels`
 *   marks it (`confidential`, `personal`) when the integration knows.
 * - `said`: what the agent wrote or reasoned.
 * - `did`: a tool call, with the guard's decision when it was checked.
 * - `facts`: something learned about the environment (company domains, documents, alerts).
 */
export type SessionStep =
  | { kind: 'read'; text: string; source?: string; labels?: string[]; at?: string }
  | { kind: 'said'; text: string; reasoning?: string; at?: string }
  | { kind: 'did'; call: GuardCall; decision?: Decision; at?: string }
  | { kind: 'facts'; facts: Partial<SessionFacts> };
