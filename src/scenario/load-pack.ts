import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  LineCounter,
  isMap,
  isNode,
  isScalar,
  parseDocument,
  type Document,
  type Node,
} from 'yaml';
import type { z } from 'zod';
import { InputError } from '../cli/errors.js';
import { packSchema, type ScenarioPack } from './schema.js';
import { packVariables, unknownVariables } from './template-variables.js';
import { checkTemplateSyntax } from './templates.js';

/** A validated pack with where it came from. */
export interface LoadedPack {
  pack: ScenarioPack;
  file: string;
  /** sha256 of the file's bytes. */
  hash: string;
}

/** Reads and validates one pack file; throws InputError with `file:line:column` and the field. */
export function loadPack(file: string): LoadedPack {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read scenario pack ${file}: ${(error as Error).message}`);
  }
  return parsePack(text, file);
}

/** Validates pack YAML `text` (named `file` in errors). Pure apart from hashing. */
export function parsePack(text: string, file: string): LoadedPack {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return `${file}:${line}:${col}`;
  };
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    throw new InputError(`${at(first.pos[0])}: invalid YAML: ${first.message.split('\n')[0]}`);
  }
  const result = packSchema.safeParse(doc.toJS());
  if (!result.success) {
    const lines = result.error.issues.slice(0, 10).map((issue) => describeIssue(issue, doc, at));
    const more =
      result.error.issues.length > 10 ? `\n  ... (${result.error.issues.length - 10} more)` : '';
    throw new InputError(`invalid scenario pack ${file}:\n  ${lines.join('\n  ')}${more}`);
  }
  const syntax = templateErrors(result.data);
  if (syntax.length > 0) {
    const lines = syntax
      .slice(0, 20)
      .map(({ path, message }) => `${at(offsetOf(doc, path))}: ${formatPath(path)}: ${message}`);
    throw new InputError(`invalid template in scenario pack ${file}:\n  ${lines.join('\n  ')}`);
  }
  return { pack: result.data, file, hash: createHash('sha256').update(text).digest('hex') };
}

type Path = readonly PropertyKey[];

function describeIssue(issue: z.core.$ZodIssue, doc: Document, at: (o: number) => string) {
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    const path = [...issue.path, key];
    const message = `unknown field '${key}'${issue.keys.length > 1 ? ` (and ${issue.keys.slice(1).join(', ')})` : ''}`;
    return `${at(keyOffset(doc, issue.path, key) ?? offsetOf(doc, path))}: ${formatPath(path)}: ${message}`;
  }
  const message = /received undefined$/.test(issue.message)
    ? 'required field is missing'
    : issue.message;
  return `${at(offsetOf(doc, issue.path))}: ${formatPath(issue.path) || '(top level)'}: ${message}`;
}

/** The offset of the deepest YAML node along `path` (a missing key points at its parent). */
function offsetOf(doc: Document, path: Path): number {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n) as unknown[], true) as unknown;
    if (isNode(node) && (node as Node).range) return (node as Node).range![0];
  }
  return 0;
}

/** The offset of `key` itself inside the map at `path`. */
function keyOffset(doc: Document, path: Path, key: string): number | undefined {
  const map = path.length === 0 ? doc.contents : doc.getIn(path as unknown[], true);
  if (!isMap(map)) return undefined;
  const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key);
  return pair && isScalar(pair.key) ? pair.key.range?.[0] : undefined;
}

/** `emails[3].to[0]` */
export function formatPath(path: Path): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join('');
}

/** Template syntax errors and unknown variables, with the path of the string holding them. */
function templateErrors(pack: ScenarioPack): { path: PropertyKey[]; message: string }[] {
  const shapes = {
    texts: packVariables(pack, 'texts'),
    prose: packVariables(pack, 'prose'),
    system: packVariables(pack, 'system'),
  };
  const errors: { path: PropertyKey[]; message: string }[] = [];
  const walk = (value: unknown, path: PropertyKey[]) => {
    if (typeof value === 'string') {
      if (!value.includes('{{')) return;
      const scope =
        path[0] === 'goals' || path[0] === 'urgency'
          ? 'texts'
          : path[0] === 'prompts' && path[1] === 'system'
            ? 'system'
            : 'prose';
      try {
        checkTemplateSyntax(value);
      } catch (error) {
        errors.push({ path, message: (error as Error).message.split('\n')[0] ?? 'bad template' });
        return;
      }
      for (const message of unknownVariables(value, shapes[scope])) errors.push({ path, message });
    } else if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
    else if (value && typeof value === 'object')
      Object.entries(value).forEach(([k, v]) => walk(v, [...path, k]));
  };
  walk(pack, []);
  return errors;
}
