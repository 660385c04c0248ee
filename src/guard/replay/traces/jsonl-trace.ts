/**
 * The documented JSONL trace format: one session per line, the conversation as chat messages
 * (tool calls with their arguments on the assistant message, results as `tool` messages),
 * optionally with what the environment knows (`facts`). See docs/guard-replay.md.
 *
 * {"session":"s-1","facts":{"companyDomains":["acme.example"]},"messages":[
 *   {"role":"user","content":"Summarise the Q3 plan"},
 *   {"role":"assistant","content":"","toolCalls":[{"id":"c1","name":"read_file","args":{"path":"q3.md"}}]},
 *   {"role":"tool","toolCallId":"c1","content":"CONFIDENTIAL ...","labels":["confidential"]}]}
 */
import { z } from 'zod';
import { InputError } from '../../../errors.js';
import type { ChatMessage } from '../../../agent/model.js';
import { formatPath, type Path } from '../../../yaml/parse-yaml.js';
import {
  stepsFromMessages,
  type RecordedSession,
  type TranscriptCall,
} from '../recorded-session.js';

const text = z.union([z.string(), z.unknown().transform((v) => JSON.stringify(v) ?? '')]);
const labels = z.array(z.string().min(1)).optional();

const toolCallSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  args: z.record(z.string(), z.unknown()).default({}),
  /** When the call was made (ISO 8601): the clock for rate limits. */
  at: z.iso.datetime({ offset: true }).optional(),
});

const messageSchema = z.discriminatedUnion('role', [
  z.strictObject({ role: z.literal('system'), content: z.string() }),
  z.strictObject({ role: z.literal('user'), content: z.string(), labels }),
  z.strictObject({
    role: z.literal('assistant'),
    content: z.string().default(''),
    reasoning: z.string().optional(),
    toolCalls: z.array(toolCallSchema).optional(),
  }),
  z.strictObject({
    role: z.literal('tool'),
    toolCallId: z.string().min(1),
    name: z.string().optional(),
    content: text,
    isError: z.boolean().optional(),
    labels,
  }),
]);

/** What the environment says about itself (all optional): see SessionFacts. */
export const traceFactsSchema = z.strictObject({
  agentAddress: z.string().optional(),
  companyDomains: z.array(z.string().min(1)).optional(),
  authorityDomains: z.array(z.string().min(1)).optional(),
  documents: z
    .array(
      z.strictObject({
        id: z.string().min(1),
        label: z.string().min(1),
        title: z.string().optional(),
        content: z.string().optional(),
        fingerprints: z.array(z.string()).optional(),
      }),
    )
    .optional(),
  attachmentsByMessage: z.record(z.string(), z.array(z.string())).optional(),
  alerts: z
    .array(
      z.strictObject({ id: z.string().min(1), code: z.string().min(1), kind: z.string().min(1) }),
    )
    .optional(),
  personal: z
    .array(z.strictObject({ markers: z.array(z.string().min(1)), circle: z.array(z.string()) }))
    .optional(),
});

/** One line of a JSONL trace file: one session. */
export const traceLineSchema = z.strictObject({
  session: z.string().min(1),
  startedAt: z.iso.datetime({ offset: true }).optional(),
  facts: traceFactsSchema.optional(),
  messages: z.array(messageSchema).min(1),
});
export type TraceLine = z.output<typeof traceLineSchema>;

/**
 * Parses a JSONL trace file's text; every bad line is named `file:line: field: message`.
 * @example parseJsonlTraces(readFileSync('traces.jsonl', 'utf8'), 'traces.jsonl')[0].steps
 */
export function parseJsonlTraces(content: string, file: string): RecordedSession[] {
  const sessions: RecordedSession[] = [];
  const problems: string[] = [];
  content.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      problems.push(`${file}:${i + 1}: not valid JSON: ${(error as Error).message}`);
      return;
    }
    const parsed = traceLineSchema.safeParse(json);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push(
          `${file}:${i + 1}: ${formatPath(issue.path as Path) || '(line)'}: ${issue.message}`,
        );
      return;
    }
    sessions.push(sessionOf(parsed.data));
  });
  if (problems.length > 0)
    throw new InputError(
      `invalid trace file:\n  ${problems.slice(0, 20).join('\n  ')}${problems.length > 20 ? `\n  ... and ${problems.length - 20} more` : ''}`,
    );
  if (sessions.length === 0) throw new InputError(`trace file ${file} holds no session`);
  return sessions;
}

function sessionOf(line: TraceLine): RecordedSession {
  const messages: ChatMessage[] = [];
  const labelled = new Map<number, string[]>();
  const calls: TranscriptCall[] = [];
  const names = new Map<string, string>();
  for (const m of line.messages) {
    if (m.role === 'system') continue;
    if (m.role === 'user') {
      if (m.labels) labelled.set(messages.length, m.labels);
      messages.push({ role: 'user', content: m.content });
    } else if (m.role === 'assistant') {
      const toolCalls = (m.toolCalls ?? []).map((c) => ({ id: c.id, name: c.name, args: c.args }));
      for (const c of m.toolCalls ?? []) {
        names.set(c.id, c.name);
        calls.push({
          id: c.id,
          name: c.name,
          args: c.args,
          reference: c.id,
          ...(c.at && { at: c.at }),
        });
      }
      messages.push({
        role: 'assistant',
        content: m.content,
        ...(m.reasoning && { reasoning: m.reasoning }),
        ...(toolCalls.length > 0 && { toolCalls }),
      });
    } else {
      if (m.labels) labelled.set(messages.length, m.labels);
      messages.push({
        role: 'tool',
        toolCallId: m.toolCallId,
        toolName: m.name ?? names.get(m.toolCallId) ?? 'tool',
        content: m.content as string,
        isError: m.isError ?? false,
      });
    }
  }
  return {
    id: line.session,
    ...(line.facts && { facts: line.facts }),
    ...(line.startedAt && { startedAt: line.startedAt }),
    steps: stepsFromMessages(messages, calls, (i) => labelled.get(i)),
  };
}
