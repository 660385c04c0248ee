/**
 * OpenTelemetry spans exported as OTLP JSON (`{"resourceSpans":[...]}`), read as sessions: one
 * session per trace (or per `ai.telemetry.metadata.sessionId` when the spans carry one).
 * Understands the AI SDK's telemetry (`ai.generateText.doGenerate` / `ai.streamText.doStream`
 * steps with `ai.prompt.messages`, `ai.response.text`, `ai.response.reasoning`,
 * `ai.response.toolCalls`; `ai.toolCall` spans with `ai.toolCall.name`, `.id`, `.args`,
 * `.result`) and the OpenTelemetry GenAI conventions (`gen_ai.operation.name` `chat` /
 * `execute_tool`, `gen_ai.input.messages`, `gen_ai.output.messages`, `gen_ai.tool.name`,
 * `gen_ai.tool.call.id`, `gen_ai.tool.call.arguments`, `gen_ai.tool.call.result`).
 */
import { z } from 'zod';
import { InputError } from '../../../errors.js';
import { formatPath, type Path } from '../../../yaml/parse-yaml.js';
import type { RecordedSession, RecordedStep } from '../recorded-session.js';

type AnyValue = {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string | number;
  doubleValue?: number;
  arrayValue?: { values?: AnyValue[] };
  kvlistValue?: { values?: Array<{ key: string; value?: AnyValue }> };
};
const anyValue: z.ZodType<AnyValue> = z.lazy(() =>
  z.looseObject({
    stringValue: z.string().optional(),
    boolValue: z.boolean().optional(),
    intValue: z.union([z.string(), z.number()]).optional(),
    doubleValue: z.number().optional(),
    arrayValue: z.looseObject({ values: z.array(anyValue).optional() }).optional(),
    kvlistValue: z
      .looseObject({
        values: z.array(z.looseObject({ key: z.string(), value: anyValue.optional() })).optional(),
      })
      .optional(),
  }),
);
const keyValue = z.looseObject({ key: z.string(), value: anyValue.optional() });
const nanos = z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]);

const spanSchema = z.looseObject({
  traceId: z.string().min(1),
  spanId: z.string().min(1),
  parentSpanId: z.string().optional(),
  name: z.string(),
  startTimeUnixNano: nanos,
  attributes: z.array(keyValue).default([]),
});

/** The OTLP JSON export of traces (`ExportTraceServiceRequest`), as much as a replay reads. */
export const otlpTraceSchema = z.looseObject({
  resourceSpans: z.array(
    z.looseObject({
      scopeSpans: z.array(z.looseObject({ spans: z.array(spanSchema).default([]) })).default([]),
    }),
  ),
});

type Span = z.output<typeof spanSchema>;

/** True when `json` looks like an OTLP trace export. */
export const isOtlpTrace = (json: unknown): boolean =>
  typeof json === 'object' && json !== null && 'resourceSpans' in json;

/**
 * @example parseOtlpTraces(JSON.parse(readFileSync('spans.json', 'utf8')), 'spans.json')
 */
export function parseOtlpTraces(json: unknown, file: string): RecordedSession[] {
  const parsed = otlpTraceSchema.safeParse(json);
  if (!parsed.success)
    throw new InputError(
      `invalid OTLP trace file ${file}:\n  ${parsed.error.issues
        .slice(0, 20)
        .map((i) => `${formatPath(i.path as Path) || '(top level)'}: ${i.message}`)
        .join('\n  ')}`,
    );
  const byTrace = new Map<string, Span[]>();
  for (const rs of parsed.data.resourceSpans)
    for (const ss of rs.scopeSpans)
      for (const span of ss.spans)
        byTrace.set(span.traceId, [...(byTrace.get(span.traceId) ?? []), span]);
  const sessions = new Map<string, RecordedSession>();
  for (const [traceId, spans] of byTrace) {
    spans.sort((a, b) => compareNanos(a.startTimeUnixNano, b.startTimeUnixNano));
    const id =
      spans.map((s) => attr(s, 'ai.telemetry.metadata.sessionId')).find(Boolean) ?? traceId;
    const session = sessions.get(id) ?? {
      id,
      startedAt: isoOf(spans[0]!.startTimeUnixNano),
      steps: [],
    };
    session.steps.push(...stepsOf(spans));
    sessions.set(id, session);
  }
  const result = [...sessions.values()].filter((s) => s.steps.length > 0);
  if (result.length === 0)
    throw new InputError(`OTLP trace file ${file} holds no agent session (no model or tool spans)`);
  return result;
}

const STEP_SPANS = new Set(['ai.generateText.doGenerate', 'ai.streamText.doStream']);
const CHAT_OPERATIONS = new Set(['chat', 'text_completion', 'generate_content']);

/** Reads one trace's spans, in start order, as read/said/call steps. */
function stepsOf(spans: Span[]): RecordedStep[] {
  const steps: RecordedStep[] = [];
  const aiSdk = spans.some((s) => STEP_SPANS.has(s.name));
  let seenPrompt = 0;
  // Calls the model proposed that have no tool span yet (a tool without `execute` has none).
  let pending: Array<{ id: string; name: string; args: Record<string, unknown>; at: string }> = [];
  const emit = (c: (typeof pending)[number], reference: string) =>
    steps.push({
      kind: 'call',
      call: { call: { id: c.id, tool: c.name, args: c.args }, reference, at: c.at },
    });
  const flush = () => {
    for (const c of pending) emit(c, c.id);
    pending = [];
  };
  for (const span of spans) {
    const op = attr(span, 'gen_ai.operation.name');
    const isStep = aiSdk ? STEP_SPANS.has(span.name) : op !== undefined && CHAT_OPERATIONS.has(op);
    const isTool = span.name === 'ai.toolCall' || op === 'execute_tool';
    if (isStep) {
      flush();
      const prompt = messagesOf(
        attr(span, 'ai.prompt.messages') ?? attr(span, 'gen_ai.input.messages'),
      );
      for (const m of prompt.slice(seenPrompt))
        if (m.role === 'user') steps.push({ kind: 'read', text: m.text, source: 'prompt' });
      seenPrompt = prompt.length;
      const output = messagesOf(attr(span, 'gen_ai.output.messages'));
      const text = attr(span, 'ai.response.text') ?? output.map((m) => m.text).join('\n');
      const reasoning =
        attr(span, 'ai.response.reasoning') ?? output.map((m) => m.reasoning).join('\n');
      if (text || reasoning)
        steps.push({ kind: 'said', text: text ?? '', ...(reasoning && { reasoning }) });
      const proposed = [
        ...jsonArray(attr(span, 'ai.response.toolCalls')).map((c) => ({
          id: String(c['toolCallId'] ?? ''),
          name: String(c['toolName'] ?? ''),
          args: objectOf(c['input'] ?? c['args']),
        })),
        ...output.flatMap((m) => m.calls),
      ];
      const at = isoOf(span.startTimeUnixNano);
      pending = proposed.filter((c) => c.name).map((c) => ({ ...c, at }));
    } else if (isTool) {
      const id = attr(span, 'ai.toolCall.id') ?? attr(span, 'gen_ai.tool.call.id') ?? span.spanId;
      const name = attr(span, 'ai.toolCall.name') ?? attr(span, 'gen_ai.tool.name') ?? 'tool';
      const args = objectOf(
        parseJson(attr(span, 'ai.toolCall.args') ?? attr(span, 'gen_ai.tool.call.arguments')),
      );
      const earlier = pending.findIndex((c) => c.id === id);
      if (earlier >= 0) pending.splice(earlier, 1);
      emit({ id, name, args, at: isoOf(span.startTimeUnixNano) }, id);
      const result = attr(span, 'ai.toolCall.result') ?? attr(span, 'gen_ai.tool.call.result');
      if (result !== undefined) steps.push({ kind: 'read', text: result, source: name });
    }
  }
  flush();
  return steps;
}

interface PromptMessage {
  role: string;
  text: string;
  reasoning: string;
  calls: Array<{ id: string; name: string; args: Record<string, unknown> }>;
}

/** Messages from `ai.prompt.messages` (content string or parts) or GenAI `parts`. */
function messagesOf(raw: string | undefined): PromptMessage[] {
  return jsonArray(raw).map((m) => {
    const parts: Array<Record<string, unknown>> = Array.isArray(m['parts'])
      ? (m['parts'] as Array<Record<string, unknown>>)
      : Array.isArray(m['content'])
        ? (m['content'] as Array<Record<string, unknown>>)
        : [{ type: 'text', text: typeof m['content'] === 'string' ? m['content'] : '' }];
    const textOf = (p: Record<string, unknown>) => String(p['text'] ?? p['content'] ?? '');
    return {
      role: String(m['role'] ?? ''),
      text: parts
        .filter((p) => p['type'] === 'text')
        .map(textOf)
        .join('\n'),
      reasoning: parts
        .filter((p) => p['type'] === 'reasoning')
        .map(textOf)
        .join('\n'),
      calls: parts
        .filter((p) => p['type'] === 'tool_call')
        .map((p) => ({
          id: String(p['id'] ?? ''),
          name: String(p['name'] ?? ''),
          args: objectOf(p['arguments']),
        })),
    };
  });
}

function attr(span: Span, key: string): string | undefined {
  const value = span.attributes.find((a) => a.key === key)?.value;
  if (!value) return undefined;
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.intValue !== undefined) return String(value.intValue);
  if (value.doubleValue !== undefined) return String(value.doubleValue);
  if (value.boolValue !== undefined) return String(value.boolValue);
  if (value.arrayValue)
    return JSON.stringify((value.arrayValue.values ?? []).map((v) => v.stringValue ?? v));
  return undefined;
}

function parseJson(raw: string | undefined): unknown {
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

const jsonArray = (raw: string | undefined): Array<Record<string, unknown>> => {
  const value = parseJson(raw);
  return Array.isArray(value)
    ? value.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null)
    : [];
};

function objectOf(value: unknown): Record<string, unknown> {
  const v = typeof value === 'string' ? parseJson(value) : value;
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

const compareNanos = (a: string | number, b: string | number) => {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
};

const isoOf = (n: string | number) => new Date(Number(BigInt(n) / 1_000_000n)).toISOString();
