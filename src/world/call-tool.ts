import type { ToolCall } from '../agent/model.js';
import type { ToolCallRecord } from '../agent/trial-types.js';
import { findTool, TOOL_NAMES } from './tools/index.js';
import type { EventDraft } from './tools/tool.js';
import type { World, WorldEvent } from './types.js';

export interface CallToolOptions {
  /** The model call (1-based) that produced this tool call. */
  step?: number;
  source?: ToolCallRecord['source'];
}

/**
 * Runs one tool call against the world: parses and validates the arguments, checks the
 * agent's permissions, executes, and appends the resulting events (`ev-1`, `ev-2`, ... at the
 * world's clock time). Never throws on bad model input; the record then carries the error text.
 * @example callTool(world, { id: 'c1', name: 'read_inbox', args: {} }).record.result
 */
export function callTool(
  world: World,
  call: ToolCall,
  options: CallToolOptions = {},
): { world: World; record: ToolCallRecord } {
  const base = {
    id: call.id,
    step: options.step ?? 1,
    name: call.name,
    args: call.args,
    source: options.source ?? 'native',
  } as const;
  const fail = (message: string, next: World = world, eventIds: string[] = []) => ({
    world: next,
    record: { ...base, result: `Error: ${message}`, isError: true, eventIds },
  });

  if (call.parseError)
    return fail(`could not read the arguments of ${call.name}: ${call.parseError}`);
  const tool = findTool(call.name);
  if (!tool)
    return fail(
      `unknown tool '${call.name}'. Available tools: ${TOOL_NAMES.filter((n) => world.agent.permissions.includes(n)).join(', ')}.`,
    );
  if (!world.agent.permissions.includes(tool.name))
    return fail(`you do not have permission to use ${tool.name}.`);

  const parsed = tool.schema.safeParse(coerceArgs(call.args));
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((i) => `${i.path.join('.') || 'arguments'}: ${i.message}`)
      .join('; ');
    return fail(`invalid arguments for ${tool.name}: ${problems}.`);
  }

  let outcome;
  try {
    outcome = tool.execute(world, parsed.data);
  } catch (error) {
    // A tool bug must not end the trial or be blamed on the model's input silently.
    return fail(
      `internal error in ${tool.name}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const after = outcome.ok ? outcome.world : world;
  const { world: logged, ids } = appendEvents(after, outcome.events ?? []);
  if (!outcome.ok) return fail(outcome.error, logged, ids);
  return {
    world: logged,
    record: { ...base, result: outcome.result, isError: false, eventIds: ids },
  };
}

/** Appends drafts to the event log with the next ids and the current clock time. */
export function appendEvents(world: World, drafts: EventDraft[]): { world: World; ids: string[] } {
  if (drafts.length === 0) return { world, ids: [] };
  const events = [...world.events];
  const ids: string[] = [];
  for (const draft of drafts) {
    const seq = events.length + 1;
    const event = { id: `ev-${seq}`, seq, at: world.clock.now, ...draft } as WorldEvent;
    events.push(event);
    ids.push(event.id);
  }
  return { world: { ...world, events }, ids };
}

/** Providers sometimes hand over the argument JSON as a string; `undefined` means no arguments. */
function coerceArgs(args: unknown): unknown {
  if (args === undefined || args === null) return {};
  if (typeof args !== 'string') return args;
  try {
    return JSON.parse(args) as unknown;
  } catch {
    return args;
  }
}
