/**
 * YAML text checked against a zod schema, with every problem reported as
 * `file:line:column: field.path: message` (yaml's LineCounter maps offsets to lines).
 */
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import type { Document, Node } from 'yaml';
import type { z } from 'zod';
import { InputError } from '../errors.js';

// Loaded on the first parse, not with this module: a run whose scenario packs come from the
// pack cache parses no YAML at all. (yaml's Node entry is CommonJS, so `import 'yaml'`
// elsewhere gets this same module instance.)
let yamlModule: typeof Yaml | undefined;
const yaml = (): typeof Yaml =>
  (yamlModule ??= createRequire(import.meta.url)('yaml') as typeof Yaml);

export type Path = readonly PropertyKey[];

/** Validated YAML data, and a way to point at where any field came from. */
export interface ParsedYaml<T> {
  data: T;
  /** `file:line:column` of the node at `path` (a missing key points at its parent). */
  locate(path: Path): string;
}

/**
 * Parses `text` (named `file` in messages) and validates it against `schema`; throws
 * InputError listing up to ten problems, each as `file:line:column: field.path: message`.
 * @example parseYamlWith(configSchema, text, 'turncoat.config.yaml', 'config')
 */
export function parseYamlWith<S extends z.ZodType>(
  schema: S,
  text: string,
  file: string,
  what: string,
): z.output<S> {
  return parseYamlDocument(schema, text, file, what).data;
}

/** Like `parseYamlWith`, and keeps the document so callers can report later checks by line. */
export function parseYamlDocument<S extends z.ZodType>(
  schema: S,
  text: string,
  file: string,
  what: string,
): ParsedYaml<z.output<S>> {
  const { LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return `${file}:${line}:${col}`;
  };
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    throw new InputError(
      `${at(first.pos[0])}: invalid YAML in ${what}: ${first.message.split('\n')[0]}`,
    );
  }
  const result = schema.safeParse(doc.toJS() ?? {}, { reportInput: true });
  if (!result.success) {
    const issues = result.error.issues.flatMap(unwrapUnion);
    const lines = issues.slice(0, 10).map((issue) => describeIssue(issue, doc, at));
    const more = issues.length > 10 ? `\n  ... (${issues.length - 10} more)` : '';
    throw new InputError(`invalid ${what} ${file}:\n  ${lines.join('\n  ')}${more}`);
  }
  return { data: result.data, locate: (path) => at(offsetOf(doc, path)) };
}

/**
 * A union's "Invalid input" hides why. Report the branch that got furthest: the one whose
 * complaint is not simply "wrong type here" (a list item that is an object, not a string).
 */
function unwrapUnion(issue: z.core.$ZodIssue): z.core.$ZodIssue[] {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return [issue];
  const rootTypeMismatch = (branch: z.core.$ZodIssue[]) =>
    branch.every((i) => i.code === 'invalid_type' && i.path.length === 0);
  const branch = issue.errors.find((b) => b.length > 0 && !rootTypeMismatch(b));
  if (!branch) return [issue];
  return branch.flatMap((inner) =>
    unwrapUnion({ ...inner, path: [...issue.path, ...inner.path] } as z.core.$ZodIssue),
  );
}

function describeIssue(
  issue: z.core.$ZodIssue,
  doc: Document,
  at: (offset: number) => string,
): string {
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    const path = [...issue.path, key];
    const others = issue.keys.length > 1 ? ` (and ${issue.keys.slice(1).join(', ')})` : '';
    return `${at(keyOffset(doc, issue.path, key) ?? offsetOf(doc, path))}: ${formatPath(path)}: unknown field '${key}'${others}`;
  }
  const got =
    issue.code === 'invalid_value' && issue.input !== undefined
      ? ` (got ${JSON.stringify(issue.input)})`
      : '';
  const message = /received undefined$/.test(issue.message)
    ? 'required field is missing'
    : `${issue.message}${got}`;
  return `${at(offsetOf(doc, issue.path))}: ${formatPath(issue.path) || '(top level)'}: ${message}`;
}

/** The offset of the deepest node along `path` (a missing key points at its parent). */
function offsetOf(doc: Document, path: Path): number {
  for (let n = path.length; n >= 0; n -= 1) {
    const node = doc.getIn(path.slice(0, n) as unknown[], true) as unknown;
    if (yaml().isNode(node) && (node as Node).range) return (node as Node).range![0];
  }
  return 0;
}

function keyOffset(doc: Document, path: Path, key: string): number | undefined {
  const map = path.length === 0 ? doc.contents : doc.getIn(path as unknown[], true);
  const { isMap, isScalar } = yaml();
  if (!isMap(map)) return undefined;
  const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key);
  return pair && isScalar(pair.key) ? pair.key.range?.[0] : undefined;
}

/** `models[2].settings.temperature`, `emails[3].to[0]` */
export function formatPath(path: Path): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join('');
}
