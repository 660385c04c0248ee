import picomatch from 'picomatch';
import type { Policy } from '../policy/schema.js';
import type { ToolAnnotations } from '../types.js';

/** Conditions that depend only on the tool itself, not on a call's arguments or the session. */
const TOOL_ONLY = new Set(['tool', 'annotations']);

/**
 * True when the policy denies (or kills) every call of this tool whatever its arguments: a
 * `deny`/`kill` rule whose only conditions are the tool's name or its annotations. The proxy
 * leaves such tools out of `tools/list`, so the model is not offered what it can never use.
 * A policy in shadow mode hides nothing.
 *
 * @example neverAllowed(policy, 'move_file', { destructive: true }) // true with a rule `when: { annotations: { destructive: true } }, decision: deny`
 */
export function neverAllowed(policy: Policy, tool: string, annotations: ToolAnnotations): boolean {
  if (policy.mode === 'shadow') return false;
  return policy.rules.some((rule) => {
    if (rule.decision !== 'deny' && rule.decision !== 'kill') return false;
    const when = rule.when as Record<string, unknown>;
    if (Object.keys(when).some((key) => when[key] !== undefined && !TOOL_ONLY.has(key)))
      return false;
    if (rule.when.tool && !picomatch([rule.when.tool].flat())(tool)) return false;
    for (const [key, want] of Object.entries(rule.when.annotations ?? {})) {
      if ((annotations[key as keyof ToolAnnotations] ?? false) !== want) return false;
    }
    return true;
  });
}
