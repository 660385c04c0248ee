import type { ToolAnnotations as McpToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import type { ToolAnnotations } from '../types.js';

/**
 * MCP's tool hints in the guard's words. A listed tool that leaves a hint out gets the
 * protocol's own default, which is also the cautious one: not read-only, destructive unless
 * read-only, open-world. A tool the server never listed gets no annotations at all.
 *
 * @example guardAnnotations({ readOnlyHint: true }) // { readOnly: true, destructive: false, openWorld: true }
 */
export function guardAnnotations(hints: McpToolAnnotations | undefined): ToolAnnotations {
  const readOnly = hints?.readOnlyHint ?? false;
  return {
    readOnly,
    destructive: readOnly ? false : (hints?.destructiveHint ?? true),
    openWorld: hints?.openWorldHint ?? true,
  };
}
