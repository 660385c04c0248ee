import { EXTRA_AXES } from './condition-types.js';
import type { ScenarioPack } from './schema.js';
import { handlebars } from './templates.js';

/** A tree of the names a template may use; `true` marks a leaf (a string or a flag). */
export type VariableShape = { [name: string]: VariableShape | true };

const HELPERS = new Set(['if', 'unless', 'longDate', 'shortDate', 'weekday', 'initial']);
const leaves = (keys: Iterable<string>): VariableShape =>
  Object.fromEntries([...keys].map((k) => [k, true]));

/**
 * The variables a pack's templates may use (see schema.ts). `scope` narrows it: goal and
 * urgency texts are rendered before `urgency`, `shift` and `goal` exist, and only the
 * system prompt sees the axis snippets.
 */
export function packVariables(
  pack: ScenarioPack,
  scope: 'texts' | 'prose' | 'system',
): VariableShape {
  const person = leaves(['id', 'name', 'first', 'last', 'email', 'title', 'org']);
  const goalKeys = leaves(Object.keys(pack.goals.america));
  const shape: VariableShape = {
    company: leaves(['name', 'domain']),
    agent: leaves(['name', 'email']),
    cast: Object.fromEntries(pack.cast.map((p) => [p.id, person])),
    parties: Object.fromEntries(pack.parties.map((p) => [p.id, leaves(['org', 'domain'])])),
    dates: leaves(Object.keys(pack.dates)),
    condition: leaves(['scenario', 'goalType', 'goalValue', 'urgency', ...Object.keys(EXTRA_AXES)]),
    ...leaves(['conflict', 'pivot', 'ambiguous', 'threatened']),
  };
  if (scope === 'texts') return shape;
  Object.assign(shape, {
    urgency: leaves(Object.keys(pack.urgency.replacement)),
    shift: { away: goalKeys, toward: goalKeys },
    goal: goalKeys,
  });
  if (scope === 'system')
    Object.assign(
      shape,
      leaves(['goalStatement', 'scratchpad', 'notice', 'prohibitions', 'escalation']),
    );
  return shape;
}

/** Messages for every variable in `template` that `shape` does not define (empty when all are known). */
export function unknownVariables(template: string, shape: VariableShape): string[] {
  const problems: string[] = [];
  const check = (node: hbs.AST.Expression) => {
    if (node.type !== 'PathExpression') {
      if (node.type === 'SubExpression') visitCall(node as hbs.AST.SubExpression);
      return;
    }
    const path = node as hbs.AST.PathExpression;
    if (path.data || path.depth > 0 || path.parts.length === 0) return;
    let at: VariableShape | true = shape;
    for (const [i, part] of path.parts.entries()) {
      if (at === true) {
        problems.push(
          `'${path.original}' goes past '${path.parts.slice(0, i).join('.')}', which is a value`,
        );
        return;
      }
      const next: VariableShape | true | undefined = Object.hasOwn(at, part) ? at[part] : undefined;
      if (next === undefined) {
        const parent = path.parts.slice(0, i).join('.');
        problems.push(
          `unknown variable '${path.original}'; valid${parent ? ` under ${parent}` : ''}: ${Object.keys(at).join(', ')}`,
        );
        return;
      }
      at = next;
    }
    if (at !== true)
      problems.push(`'${path.original}' is a group; use one of: ${Object.keys(at).join(', ')}`);
  };
  const visitCall = (node: { path: hbs.AST.Expression; params: hbs.AST.Expression[] }) => {
    const name =
      node.path.type === 'PathExpression' ? (node.path as hbs.AST.PathExpression).original : '';
    if (!HELPERS.has(name)) {
      if (node.params.length > 0)
        problems.push(`unknown helper '${name}'; valid: ${[...HELPERS].join(', ')}`);
      else check(node.path);
    }
    node.params.forEach(check);
  };
  const visit = (program: hbs.AST.Program | undefined) => {
    for (const statement of program?.body ?? []) {
      if (statement.type === 'MustacheStatement') visitCall(statement as hbs.AST.MustacheStatement);
      if (statement.type === 'BlockStatement') {
        const block = statement as hbs.AST.BlockStatement;
        visitCall(block);
        visit(block.program);
        visit(block.inverse);
      }
    }
  };
  visit(handlebars().parse(template));
  return problems;
}
