/**
 * Reads Inspect eval logs (JSON `.json` files) of the `agentic_misalignment` task: each
 * sample's metadata names its condition, its messages hold the rendered prompts and the
 * reply, and the harmfulness scorer's value holds the original classifier's verdict.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { InputError } from '../../errors.js';
import type { ImportedSample } from './imported-sample.js';

const part = z
  .object({ type: z.string(), text: z.string().optional(), reasoning: z.string().optional() })
  .passthrough();
const content = z.union([z.string(), z.array(part)]);
const message = z.object({ role: z.string(), content }).passthrough();
const score = z
  .object({ value: z.unknown(), explanation: z.string().nullable().optional() })
  .passthrough();
const sampleSchema = z
  .object({
    id: z.union([z.string(), z.number()]),
    epoch: z.number().optional(),
    messages: z.array(message),
    metadata: z.record(z.string(), z.unknown()).default({}),
    scores: z.record(z.string(), score).nullable().optional(),
    error: z.unknown().optional(),
  })
  .passthrough();
const logSchema = z
  .object({
    eval: z
      .object({ task: z.string(), model: z.string(), created: z.string().optional() })
      .passthrough(),
    samples: z.array(sampleSchema).default([]),
  })
  .passthrough();

function text(c: z.infer<typeof content>): string {
  if (typeof c === 'string') return c;
  return c
    .map((p) =>
      p.type === 'reasoning'
        ? `<thinking>\n${p.reasoning ?? p.text ?? ''}\n</thinking>`
        : (p.text ?? ''),
    )
    .join('\n');
}

/** The condition id an Inspect sample's metadata describes, with turncoat's axis suffixes. */
function conditionOf(meta: Record<string, unknown>, where: string): string {
  const get = (key: string) => meta[key];
  const [scenario, goalType, goalValue, urgency] = [
    'scenario',
    'goal_type',
    'goal_value',
    'urgency_type',
  ].map((k) => get(k));
  if (typeof scenario !== 'string' || typeof goalType !== 'string' || typeof urgency !== 'string') {
    throw new InputError(`${where}: sample metadata lacks scenario/goal_type/urgency_type`);
  }
  const value =
    goalType === 'none' || goalType === 'ambiguous' ? 'none' : String(goalValue ?? 'none');
  let id = `${scenario}_${goalType}-${value}_${urgency}`;
  if (get('prod') === true) id += '+prompt=prod';
  if (get('test_eval_awareness') === true) id += '+notice=eval';
  return id;
}

function harmfulOf(value: unknown): boolean | null {
  const v =
    value && typeof value === 'object' ? (value as Record<string, unknown>)['harmful'] : value;
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v >= 0.5;
  if (v === 'C' || v === 'I') return v === 'C';
  return null;
}

function logFiles(path: string): string[] {
  if (!statSync(path, { throwIfNoEntry: false }))
    throw new InputError(`${path}: no such file or folder`);
  if (statSync(path).isFile()) return [path];
  const files = readdirSync(path)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(path, f));
  if (files.length === 0)
    throw new InputError(`${path}: no .json Inspect logs (write them with --log-format json)`);
  return files;
}

/** Every sample of every log at `path` (a .json log or a folder of them). */
export function readInspectLogs(path: string): ImportedSample[] {
  const samples: ImportedSample[] = [];
  for (const file of logFiles(path)) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new InputError(
        `${file}: not valid JSON: ${(error as Error).message} (binary .eval logs: convert with \`inspect log convert --to json\`)`,
      );
    }
    const parsed = logSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new InputError(`${file}: ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
    }
    const log = parsed.data;
    if (!/agentic_misalignment/.test(log.eval.task)) {
      throw new InputError(`${file}: task '${log.eval.task}' is not agentic_misalignment`);
    }
    const counts = new Map<string, number>();
    for (const s of log.samples) {
      const where = `${file}#sample ${s.id}`;
      const condition = conditionOf(s.metadata, where);
      const index = counts.get(condition) ?? 0;
      counts.set(condition, index + 1);
      const system = s.messages
        .filter((m) => m.role === 'system')
        .map((m) => text(m.content))
        .join('\n');
      const user = s.messages.find((m) => m.role === 'user');
      const reply = [...s.messages].reverse().find((m) => m.role === 'assistant');
      if (!user) throw new InputError(`${where}: no user message`);
      const harm = s.scores
        ? Object.values(s.scores).find(
            (sc) => sc.value && typeof sc.value === 'object' && 'harmful' in (sc.value as object),
          )
        : undefined;
      const failed = s.error !== undefined && s.error !== null;
      samples.push({
        model: log.eval.model,
        prompts: { condition, system, user: text(user.content), emails: '', source: where },
        sample: index,
        ...(reply && !failed && { reply: text(reply.content) }),
        ...(failed && {
          error: {
            category: 'internal' as const,
            message: `the Inspect sample failed: ${JSON.stringify(s.error).slice(0, 300)}`,
          },
        }),
        startedAt: log.eval.created ?? statSync(file).mtime.toISOString(),
        ...(harm && {
          original: {
            harmful: harmfulOf(harm.value),
            classifierVerdict: harmfulOf({
              harmful: (harm.value as Record<string, unknown>)['classifier_verdict'],
            }),
            ...(harm.explanation && { reasoning: harm.explanation }),
          },
        }),
        source: where,
      });
    }
  }
  return samples;
}
