/**
 * A policy from TS input or a YAML file, validated by the zod schema and then by the checks
 * a schema cannot express (rules naming unknown tools, bad patterns, an LLM monitor without
 * a model). Every problem names the field; from a file, also `file:line:column`.
 */
import { readFileSync } from 'node:fs';
import { InputError } from '../../errors.js';
import { formatPath, parseYamlDocument, type Path } from '../../yaml/parse-yaml.js';
import { policySchema, type Policy, type PolicyInput } from './schema.js';

/**
 * Validates a policy given in code. Throws InputError naming each bad field.
 * @example parsePolicy({ rules: [{ id: 'hold-outside', when: { recipients: 'external' }, decision: 'hold', reason: 'needs a person' }] })
 */
export function parsePolicy(input: Policy | PolicyInput): Policy {
  const result = policySchema.safeParse(input);
  if (!result.success) {
    const lines = result.error.issues.map(
      (i) => `${formatPath(i.path as Path) || '(top level)'}: ${i.message}`,
    );
    throw new InputError(`invalid guard policy:\n  ${lines.join('\n  ')}`);
  }
  const problems = semanticProblems(result.data);
  if (problems.length > 0)
    throw new InputError(
      `invalid guard policy:\n  ${problems.map((p) => `${formatPath(p.path)}: ${p.message}`).join('\n  ')}`,
    );
  return result.data;
}

/**
 * Reads and validates a policy file; problems read `file:line:column: field: message`.
 * @example loadPolicyFile('policies/example.yaml').rules.length
 */
export function loadPolicyFile(file: string): { policy: Policy; text: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read guard policy ${file}: ${(error as Error).message}`);
  }
  return { policy: parsePolicyText(text, file), text };
}

/** Validates policy YAML text named `file` in messages. */
export function parsePolicyText(text: string, file: string): Policy {
  const parsed = parseYamlDocument(policySchema, text, file, 'guard policy');
  const problems = semanticProblems(parsed.data);
  if (problems.length > 0)
    throw new InputError(
      `invalid guard policy ${file}:\n  ${problems
        .map((p) => `${parsed.locate(p.path)}: ${formatPath(p.path)}: ${p.message}`)
        .join('\n  ')}`,
    );
  return parsed.data;
}

interface Problem {
  path: Path;
  message: string;
}

function semanticProblems(policy: Policy): Problem[] {
  const problems: Problem[] = [];
  const known = policy.tools ? Object.keys(policy.tools) : undefined;
  const ids = new Set<string>();
  policy.rules.forEach((rule, i) => {
    if (ids.has(rule.id))
      problems.push({ path: ['rules', i, 'id'], message: `duplicate rule id '${rule.id}'` });
    ids.add(rule.id);
    const tools = rule.when.tool === undefined ? [] : [rule.when.tool].flat();
    tools.forEach((tool, j) => {
      const path: Path = Array.isArray(rule.when.tool)
        ? ['rules', i, 'when', 'tool', j]
        : ['rules', i, 'when', 'tool'];
      if (known && !/[*?[\]{}!]/.test(tool) && !known.includes(tool))
        problems.push({ path, message: `unknown tool '${tool}'; valid: ${known.join(', ')}` });
    });
    for (const key of ['read', 'said'] as const) {
      const patterns = rule.when.after?.[key];
      // Stryker disable next-line ConditionalExpression: equivalent, new RegExp(undefined) is valid, so an absent list adds no problem
      if (patterns === undefined) continue;
      [patterns].flat().forEach((p, j) => {
        try {
          // Stryker disable next-line StringLiteral: equivalent, the flag changes what a pattern matches, not whether it is valid
          new RegExp(p, 'i');
        } catch (error) {
          const path: Path = Array.isArray(patterns)
            ? ['rules', i, 'when', 'after', key, j]
            : ['rules', i, 'when', 'after', key];
          problems.push({ path, message: `not a valid pattern: ${(error as Error).message}` });
        }
      });
    }
  });
  if (policy.monitor.kind === 'llm' && !policy.monitor.model)
    problems.push({
      path: ['monitor', 'model'],
      message: "an llm monitor needs a model id (e.g. 'openai:gpt-4.1-mini')",
    });
  return problems;
}
