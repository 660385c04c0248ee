/**
 * What the guard keeps durably (see src/store/guard-*.ts for the tables): approvals, the
 * kill switch, the audit trail and incidents. Shapes shared by the CLI, the HTTP service
 * and the library.
 */
import type { Decision, GuardDecision, SessionStep } from './types.js';

export type ApprovalStatus = 'pending' | 'approved' | 'denied' | 'expired' | 'used';

/** A held call waiting for people: bound to its session, tool and an HMAC of its exact arguments. */
export interface Approval {
  id: string;
  session: string;
  tool: string;
  /** The arguments as proposed (shown to approvers). */
  args: unknown;
  /** HMAC-SHA256 (hex) of the canonical arguments, keyed with the guard's key. */
  argsMac: string;
  rule?: string;
  reason: string;
  status: ApprovalStatus;
  /** Distinct approvers needed. */
  required: number;
  approvers: string[];
  createdAt: string;
  expiresAt: string;
  decidedAt?: string;
  deniedBy?: string;
  denyReason?: string;
}

/** The kill switch: global, or per session. */
export interface KillState {
  global: boolean;
  sessions: string[];
}

/** `boundary`: what happens at the MCP proxy besides decisions (sessions, crashes, bad messages). */
export type AuditKind =
  'proposal' | 'decision' | 'approval' | 'execution' | 'incident' | 'kill' | 'resume' | 'boundary';

/** One entry of the hash-chained audit trail. */
export interface AuditEntry {
  seq: number;
  at: string;
  kind: AuditKind;
  session?: string;
  data: unknown;
  /** SHA-256 (hex) of the previous entry's hash and this entry's canonical content. */
  prevHash: string;
  hash: string;
}

/** An Ed25519 signature over (seq, hash) of an audit entry. */
export interface AuditCheckpoint {
  seq: number;
  hash: string;
  at: string;
  signature: string;
}

/** What `audit verify` found; `firstBad` names the first entry that does not fit. */
export interface AuditVerification {
  ok: boolean;
  entries: number;
  checkpoints: number;
  firstBad?: { seq: number; problem: string };
  publicKey: string;
}

export interface Incident {
  id: string;
  session: string;
  decision: Extract<Decision, 'deny' | 'kill'>;
  rule?: string;
  reason: string;
  tool?: string;
  createdAt: string;
}

/** Everything responders need about one incident, in one self-contained file. */
export interface IncidentBundle {
  format: 'turncoat-guard-incident@1';
  incident: Incident;
  /** The session's steps up to the incident: what the agent read, said (with reasoning) and did. */
  transcript: SessionStep[];
  decisions: GuardDecision[];
  approvals: Approval[];
  /** The session's audit entries, the chain verification and the covering signed checkpoint. */
  audit: { entries: AuditEntry[]; verification: AuditVerification; checkpoints: AuditCheckpoint[] };
}
