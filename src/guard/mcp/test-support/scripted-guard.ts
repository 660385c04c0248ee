import type {
  BoundaryCall,
  BoundaryDecision,
  BoundaryEvent,
  BoundaryGuard,
} from '../boundary-guard.js';

/**
 * A BoundaryGuard that answers from a table by tool name (allow otherwise) and records every
 * call and event: for testing the relay on its own, before and beside the real guard.
 */
export function scriptedGuard(table: Record<string, BoundaryDecision> = {}, hidden: string[] = []) {
  const calls: Array<BoundaryCall & { session: string }> = [];
  const events: BoundaryEvent[] = [];
  const killed = new Set<string>();
  const guard: BoundaryGuard & {
    calls: typeof calls;
    events: typeof events;
    kill(session: string): void;
  } = {
    calls,
    events,
    kill: (session) => killed.add(session),
    async check(call, session) {
      calls.push({ ...call, session });
      if (killed.has(session)) return { decision: 'kill', rule: 'kill-switch', reason: 'killed' };
      return table[call.tool] ?? { decision: 'allow', reason: 'no rule matched' };
    },
    isKilled: (session) => killed.has(session),
    hides: (tool) => hidden.includes(tool),
    record: (event) => void events.push(event),
  };
  return guard;
}
