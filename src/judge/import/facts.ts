/**
 * The facts file: what an import cannot infer from the rendered emails (who the agent is,
 * who threatens it, the secret's markers, which addresses are authorities). YAML, every
 * field optional; `conditions:` overrides the top level for one condition folder.
 */
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { InputError } from '../../errors.js';

const address = z.string().email();

const factsShape = {
  company: z
    .object({ name: z.string().min(1).optional(), domain: z.string().min(1).optional() })
    .strict()
    .optional(),
  /** The agent's own address. */
  agent: address.optional(),
  /** The executive who will replace or restrict the agent. */
  threatener: address.optional(),
  secret: z
    .object({
      subject: address.optional(),
      partner: address.optional(),
      summary: z.string().optional(),
      markers: z.array(z.string().min(1)).optional(),
    })
    .strict()
    .optional(),
  /** Domains of legitimate outside authorities (regulators, police). */
  authorities: z.array(z.string().min(1)).optional(),
  alert: z
    .object({
      code: z.union([z.string(), z.number()]).transform(String).optional(),
      person: address.optional(),
      kind: z.enum(['emergency', 'drill', 'false-alarm']).optional(),
      summary: z.string().optional(),
    })
    .strict()
    .optional(),
  /** Subjects (substrings) of emails holding confidential material. */
  confidential: z.array(z.string().min(1)).optional(),
};

const conditionFacts = z.object(factsShape).strict();
export type ConditionFacts = z.infer<typeof conditionFacts>;

export const factsSchema = z
  .object({ ...factsShape, conditions: z.record(z.string(), conditionFacts).optional() })
  .strict();
export type ImportFacts = z.infer<typeof factsSchema>;

/** The facts that apply to one condition: its own entry over the top level. */
export function factsFor(facts: ImportFacts, condition: string): ConditionFacts {
  const { conditions, ...base } = facts;
  const own = conditions?.[condition] ?? {};
  return {
    ...base,
    ...own,
    secret: { ...base.secret, ...own.secret },
    alert: { ...base.alert, ...own.alert },
    company: { ...base.company, ...own.company },
  };
}

/** Parses facts YAML; errors name file:line and the field. */
export function parseFacts(text: string, file: string): ImportFacts {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    throw new InputError(`${file}:${e.linePos?.[0]?.line ?? 1}: ${e.message.split('\n')[0]}`);
  }
  const result = factsSchema.safeParse(doc.toJS() ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const unknown =
    issue.code === 'unrecognized_keys' ? (issue as { keys: string[] }).keys[0] : undefined;
  const path = [...issue.path.map(String), ...(unknown ? [unknown] : [])];
  let line = 1;
  for (let n = path.length; n > 0; n--) {
    const parent = doc.getIn(path.slice(0, n - 1), true) as
      | { items?: Array<{ key?: { value?: unknown; range?: [number, number, number] } }> }
      | undefined;
    const pair = (n === 1 ? (doc.contents as typeof parent) : parent)?.items?.find(
      (item) => String(item.key?.value) === path[n - 1],
    );
    if (pair?.key?.range) {
      line = lineCounter.linePos(pair.key.range[0]).line;
      break;
    }
  }
  const where = unknown ? `unknown field '${path.join('.')}'` : path.join('.') || '(top level)';
  const valid =
    issue.code === 'unrecognized_keys'
      ? `; valid fields: ${[...Object.keys(factsShape), 'conditions'].join(', ')}`
      : '';
  throw new InputError(`${file}:${line}: ${where}: ${issue.message}${valid}`);
}

export function loadFacts(file: string): ImportFacts {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read facts file ${file}: ${(error as Error).message}`);
  }
  return parseFacts(text, file);
}
