import type { Tool, ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';

/**
 * The tools one upstream server offers, as its `tools/list` described them: the proxy keeps
 * their annotations so the guard's rules can read `readOnlyHint`, `destructiveHint` and
 * `openWorldHint` on every call. Forgotten when the server says its list changed.
 */
export class ToolCatalog {
  private readonly annotations = new Map<string, ToolAnnotations | undefined>();
  private complete = false;

  /** Remembers one page of a `tools/list` result; `last` is true when it had no next cursor. */
  learn(tools: readonly Tool[], last: boolean): void {
    for (const tool of tools) this.annotations.set(tool.name, tool.annotations);
    if (last) this.complete = true;
  }

  forget(): void {
    this.annotations.clear();
    this.complete = false;
  }

  get known(): boolean {
    return this.complete;
  }

  annotationsOf(tool: string): ToolAnnotations | undefined {
    return this.annotations.get(tool);
  }
}
