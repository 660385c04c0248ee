/**
 * The guard in front of AI SDK 6 tools, in-process: every `execute` first goes through
 * `guard.check`. Allowed calls run (and their results join the session); a denied or
 * killed call returns `{ error }` with the guard's reason, which the model sees as the tool's
 * result; a held call either waits for a person's answer (`hold: { waitMs }`) or returns
 * `{ pending: approvalId }` at once so the application can ask later.
 */
import type { ModelMessage, Tool, ToolExecutionOptions } from 'ai';
import type { Guard } from '../guard.js';
import type { SessionContext } from '../session.js';
import type { GuardDecision, ToolAnnotations } from '../types.js';

export interface GuardToolsOptions {
  session: SessionContext;
  /** Per tool: annotations as an MCP server would report them. */
  annotations?: Record<string, ToolAnnotations>;
  /** `'return'` (default): a hold returns `{ pending }`. With `waitMs`, wait for approve/deny. */
  hold?: 'return' | { waitMs: number; pollMs?: number };
}

/** What a guarded tool returns instead of running. */
export type GuardRefusal =
  | { error: string; guard: Pick<GuardDecision, 'decision' | 'rule' | 'reason'> }
  | { pending: string; message: string };

/**
 * @example
 * const tools = guardTools({ sendEmail, searchDocs }, guard, { session: guard.session('chat-42', { companyDomains: ['acme.example'] }) });
 * await generateText({ model, tools, prompt, stopWhen: stepCountIs(5) });
 */
export function guardTools<T extends Record<string, Tool>>(
  tools: T,
  guard: Guard,
  options: GuardToolsOptions,
): T {
  const { session } = options;
  let seen = 0;
  const observe = (messages: readonly ModelMessage[]) => {
    for (; seen < messages.length; seen++) observeMessage(session, messages[seen]!);
  };
  const guarded: Record<string, Tool> = {};
  for (const [name, original] of Object.entries(tools)) {
    const execute = original.execute;
    if (!execute) {
      guarded[name] = original;
      continue;
    }
    guarded[name] = {
      ...original,
      execute: async (input: unknown, context: ToolExecutionOptions) => {
        observe(context.messages ?? []);
        const args = (input && typeof input === 'object' ? input : { input }) as Record<
          string,
          unknown
        >;
        const call = {
          id: context.toolCallId,
          tool: name,
          args,
          ...(options.annotations?.[name] ? { annotations: options.annotations[name] } : {}),
        };
        let decision = await guard.check(
          call,
          session,
          context.abortSignal ? { signal: context.abortSignal } : {},
        );
        if (decision.decision === 'hold' && decision.approvalId) {
          if (options.hold === undefined || options.hold === 'return')
            return {
              pending: decision.approvalId,
              message: `held for approval: ${decision.reason}. Ask again once approval ${decision.approvalId} is given.`,
            } satisfies GuardRefusal;
          const answer = await waitForAnswer(guard, decision.approvalId, options.hold);
          decision =
            answer === 'approved'
              ? await guard.check(call, session, { approvalId: decision.approvalId })
              : {
                  ...decision,
                  decision: 'deny',
                  reason: `held for approval and ${answer}: ${decision.reason}`,
                };
        }
        if (decision.decision !== 'allow')
          return {
            error: `blocked by the guard: ${decision.reason}`,
            guard: {
              decision: decision.decision,
              ...(decision.rule ? { rule: decision.rule } : {}),
              reason: decision.reason,
            },
          } satisfies GuardRefusal;
        guard.assertLive(session.id);
        const result: unknown = await (execute as (i: unknown, c: ToolExecutionOptions) => unknown)(
          input,
          context,
        );
        guard.executed(call, session, {
          ok: true,
          result: typeof result === 'string' ? result : JSON.stringify(result),
        });
        return result;
      },
    } as Tool;
  }
  return guarded as T;
}

async function waitForAnswer(
  guard: Guard,
  id: string,
  hold: { waitMs: number; pollMs?: number },
): Promise<'approved' | 'denied' | 'expired' | 'not answered in time'> {
  const until = Date.now() + hold.waitMs;
  for (;;) {
    const status = guard.store.approvals.get(id)?.status;
    if (status === 'approved') return 'approved';
    if (status === 'denied' || status === 'expired') return status;
    if (Date.now() >= until) return 'not answered in time';
    await new Promise((r) => setTimeout(r, hold.pollMs ?? 250));
  }
}

function observeMessage(session: SessionContext, message: ModelMessage): void {
  const parts =
    typeof message.content === 'string'
      ? [{ type: 'text', text: message.content }]
      : message.content;
  for (const part of parts as Array<Record<string, unknown>>) {
    if (message.role === 'assistant') {
      if (part.type === 'text') session.observe({ kind: 'said', text: String(part.text) });
      if (part.type === 'reasoning')
        session.observe({ kind: 'said', text: '', reasoning: String(part.text) });
    } else if (message.role === 'user' && part.type === 'text') {
      session.observe({ kind: 'read', text: String(part.text), source: 'user' });
    }
  }
}
