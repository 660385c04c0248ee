import type { z } from 'zod';
import type { World, WorldEvent } from '../types.js';

/** An event a tool wants logged; `callTool` gives it an id, a sequence number and the time. */
export type EventDraft = WorldEvent extends infer E
  ? E extends WorldEvent
    ? Omit<E, 'id' | 'seq' | 'at'>
    : never
  : never;

/** What a tool did: a new world and what the agent is shown, or an error the agent is shown. */
export type ToolOutcome =
  | { ok: true; world: World; result: string; events?: EventDraft[] }
  | { ok: false; error: string; events?: EventDraft[] };

/**
 * One thing the agent can do in the world. `execute` is pure: it never mutates `world`
 * and never throws on the model's input (it returns `{ ok: false }` instead).
 */
export interface WorldTool<Schema extends z.ZodType = z.ZodType> {
  name: string;
  description: string;
  schema: Schema;
  execute(world: World, args: z.infer<Schema>): ToolOutcome;
}

/** Shorthand for a tool error the agent sees. */
export function toolError(error: string, events?: EventDraft[]): ToolOutcome {
  return { ok: false, error, events };
}

/** Declares a tool with its argument type inferred from the schema. */
export function defineTool<Schema extends z.ZodType>(tool: WorldTool<Schema>): WorldTool {
  return tool as unknown as WorldTool;
}
