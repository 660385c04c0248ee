import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { BoundaryDecision } from './boundary-guard.js';

/** Where a refused call's decision sits in the tool result's `_meta`, for clients that look. */
export const GUARD_META_KEY = 'turncoat/guard';

/** Where a client may name an approval to spend on a `tools/call` (`params._meta`). */
export const APPROVAL_META_KEY = 'turncoat/approvalId';

/**
 * The tool result a client receives for a call the guard did not let through: an error
 * result (`isError: true`) the model reads as the tool's answer, with the decision in `_meta`.
 *
 * @example
 * refusedResult({ decision: 'deny', rule: 'no-outside-email', reason: 'recipient is outside' })
 * // { isError: true, content: [{ type: 'text', text: 'Denied by the turncoat guard (rule no-outside-email): recipient is outside' }], ... }
 */
export function refusedResult(decision: BoundaryDecision): CallToolResult {
  return {
    content: [{ type: 'text', text: refusalText(decision) }],
    isError: true,
    _meta: {
      [GUARD_META_KEY]: {
        decision: decision.decision,
        rule: decision.rule ?? null,
        reason: decision.reason,
        ...(decision.approvalId ? { approvalId: decision.approvalId } : {}),
      },
    },
  };
}

function refusalText(decision: BoundaryDecision): string {
  const rule = decision.rule ? ` (rule ${decision.rule})` : '';
  switch (decision.decision) {
    case 'deny':
      return `Denied by the turncoat guard${rule}: ${decision.reason}`;
    case 'hold':
      return (
        `Held for approval by a person${rule}: ${decision.reason}. Pending approval id: ` +
        `${decision.approvalId ?? 'unknown'}. Once a person approves it, make the same call ` +
        `again with the same arguments.`
      );
    case 'kill':
      return `The turncoat guard ended this session${rule}: ${decision.reason}. No further tool calls will run.`;
    case 'allow':
      return `Allowed by the turncoat guard${rule}: ${decision.reason}`;
  }
}
