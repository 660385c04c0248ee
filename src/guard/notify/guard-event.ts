/** What a guard notification is about: a call held for approval, a denial, or a kill. */
export type GuardEventType = 'guard.hold' | 'guard.deny' | 'guard.kill';

/**
 * The JSON body of a notification. Tool arguments are left out on purpose: they may carry
 * secrets or untrusted text; people open the approval (by `approvalId`) to see them.
 *
 * @example
 * { "type": "guard.hold", "id": "6f0c...", "at": "2026-11-30T04:10:00.000Z", "session": "mcp-1f2e",
 *   "tool": "write_file", "rule": "approve-writes", "reason": "writes need a person", "approvalId": "ap_..." }
 */
export interface GuardEvent {
  type: GuardEventType;
  /** Unique per event; also sent as the delivery header, so receivers can drop duplicates. */
  id: string;
  at: string;
  session: string;
  /** Absent for a kill made by a person (no call involved). */
  tool?: string;
  rule?: string;
  reason: string;
  approvalId?: string;
  incidentId?: string;
  /** Who acted, for kills made through the CLI or the approvals API. */
  by?: string;
}
