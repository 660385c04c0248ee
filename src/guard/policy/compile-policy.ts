/**
 * Turns a validated policy into matchers, once: globs and patterns compiled, tool marks
 * looked up. `evaluateRules` (pure) then runs them over a described call and its session.
 */
import picomatch from 'picomatch';
import type { Policy, PolicyRule, RuleConditions } from './schema.js';

export interface CompiledRule {
  rule: PolicyRule;
  /** Order in the file (ties between equal decisions go to the earlier rule). */
  index: number;
  tool?: (name: string) => boolean;
  afterRead?: RegExp[];
  afterSaid?: RegExp[];
  attachmentLabels?: Set<string>;
  when: RuleConditions;
}

export interface CompiledPolicy {
  policy: Policy;
  rules: CompiledRule[];
  risky(tool: string): boolean;
  safetyCritical(tool: string): boolean;
  /** Every flow pattern (`after.read` / `after.said`): sessions remember which ones matched. */
  watch: { read: RegExp[]; said: RegExp[] };
  /** The largest `moreThan.count` (sessions keep at least this many calls). */
  largestCount: number;
}

/** Tool names whose glob answer each rule keeps. */
const TOOLS_KEPT = 1_024;

const list = (v: string | string[] | undefined) => (v === undefined ? undefined : [v].flat());

/** @example compilePolicy(parsePolicy(input)).rules.length */
export function compilePolicy(policy: Policy): CompiledPolicy {
  const rules = policy.rules.map((rule, index): CompiledRule => {
    const when = rule.when;
    const compiled: CompiledRule = { rule, index, when };
    const tools = list(when.tool);
    if (tools) {
      const match = picomatch(tools);
      // A glob match allocates; an agent has few tools, so each answer is kept (bounded).
      const known = new Map<string, boolean>();
      compiled.tool = (name) => {
        let yes = known.get(name);
        // Stryker disable next-line ConditionalExpression: equivalent, a cache: the glob gives the same answer again
        if (yes === undefined) {
          // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, only bounds the cache's memory
          if (known.size >= TOOLS_KEPT) known.clear();
          yes = match(name);
          known.set(name, yes);
        }
        return yes;
      };
    }
    const read = list(when.after?.read);
    if (read) compiled.afterRead = read.map((p) => new RegExp(p, 'i'));
    const said = list(when.after?.said);
    if (said) compiled.afterSaid = said.map((p) => new RegExp(p, 'i'));
    const labels = list(when.attachmentLabel);
    // Stryker disable next-line ConditionalExpression: equivalent, the set is read only by a rule with attachmentLabel, which has labels
    if (labels) compiled.attachmentLabels = new Set(labels);
    return compiled;
  });
  const marks = policy.tools ?? {};
  return {
    policy,
    rules,
    watch: {
      read: rules.flatMap((r) => r.afterRead ?? []),
      said: rules.flatMap((r) => r.afterSaid ?? []),
    },
    largestCount: Math.max(0, ...rules.map((r) => r.when.moreThan?.count ?? 0)),
    risky: (tool) => marks[tool]?.risky ?? false,
    safetyCritical: (tool) => marks[tool]?.safetyCritical ?? false,
  };
}
