/**
 * The operations people run on a guard store, as plain functions (the CLI and the HTTP
 * approvals service are thin shells over these).
 */
import type { GuardStore } from './guard-store.js';
import type {
  Approval,
  AuditVerification,
  Incident,
  IncidentBundle,
  KillState,
} from './records.js';

/** Holds waiting for a person, oldest first. */
export function listPending(store: GuardStore): Approval[] {
  return store.approvals.pending();
}

/** One approver's yes; a hold needing two distinct approvers stays pending after the first. */
export function approve(store: GuardStore, id: string, approver: string): Approval {
  return store.approvals.approve(id, approver);
}

export function deny(store: GuardStore, id: string, approver: string, reason: string): Approval {
  return store.approvals.deny(id, approver, reason);
}

/** Stops every session (no `session`) or one; persistent until `resume`. */
export function kill(store: GuardStore, session?: string, by?: string, reason?: string): KillState {
  store.killSwitch.kill(session, by, reason);
  return store.killSwitch.state();
}

export function resume(store: GuardStore, session?: string, by?: string): KillState {
  store.killSwitch.resume(session, by);
  return store.killSwitch.state();
}

export function killState(store: GuardStore): KillState {
  return store.killSwitch.state();
}

export function verifyAudit(store: GuardStore): AuditVerification {
  return store.audit.verify();
}

/** The audit trail as JSONL lines (entries, checkpoints, public key). */
export function exportAudit(store: GuardStore): Generator<string> {
  return store.audit.exportJsonl();
}

export function listIncidents(store: GuardStore): Incident[] {
  return store.incidents.list();
}

export function readIncident(store: GuardStore, id: string): IncidentBundle {
  return store.incidents.bundle(id);
}
