import type { ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';

/** What the proxy asks the guard about: one `tools/call`, protocol-neutral plus MCP hints. */
export interface BoundaryCall {
  tool: string;
  args: Record<string, unknown>;
  /** The server's own hints for this tool, from its `tools/list` (absent if it gave none). */
  annotations?: ToolAnnotations;
  /** An approval the client names itself (`_meta["turncoat/approvalId"]`), to spend on this call. */
  approvalId?: string;
}

export type BoundaryDecisionKind = 'allow' | 'deny' | 'hold' | 'kill';

/** The guard's answer for one call. `approvalId` is set on a hold. */
export interface BoundaryDecision {
  decision: BoundaryDecisionKind;
  rule?: string;
  reason: string;
  approvalId?: string;
}

/** Things that happen at the boundary besides decisions, for the audit trail. */
export type BoundaryEvent =
  | { kind: 'session-start'; session: string; server: string }
  | { kind: 'session-end'; session: string; cause: string }
  | { kind: 'executed'; session: string; call: BoundaryCall; isError: boolean; result: string }
  | { kind: 'client-gone'; session: string; tool?: string; detail: string }
  | { kind: 'server-crash'; session: string; detail: string }
  | { kind: 'malformed'; session: string; detail: string };

/**
 * The seam between the MCP relay and the guard. The relay never decides anything itself:
 * every `tools/call` goes through `check`, and `isKilled` is read synchronously right
 * before a call is forwarded so nothing slips through between a kill and the send.
 *
 * @example
 * const guard: BoundaryGuard = guardAtBoundary(createGuard(policy, { store }));
 * const decision = await guard.check({ tool: 'write_file', args }, sessionId);
 */
export interface BoundaryGuard {
  check(call: BoundaryCall, session: string): Promise<BoundaryDecision>;
  isKilled(session: string): boolean;
  /** True when the policy would never allow this tool: `tools/list` leaves it out. */
  hides(tool: string, annotations: ToolAnnotations | undefined): boolean;
  record(event: BoundaryEvent): void;
}
