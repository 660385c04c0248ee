import type { ComparisonFamily } from './comparisons.js';

/**
 * The comparison family as plain lines for a terminal: what the family is, one reading per
 * comparison, and the strata that could not be compared.
 * @example formatComparisonLines(compareConditions(rows, parseComparisonSpec('mitigation=none:prohibit'))).join('\n')
 */
export function formatComparisonLines(family: ComparisonFamily): string[] {
  const lines = [`Comparisons: ${family.description}`];
  for (const result of family.results)
    lines.push(`  ${result.pHolm < family.alpha ? '*' : '-'} ${result.reading}`);
  for (const skipped of family.skipped)
    lines.push(`  ? ${Object.values(skipped.stratum).join(', ')}: not compared, ${skipped.reason}`);
  if (family.results.length > 0) {
    lines.push(
      '  (* clear at the family level; intervals are 95% Wilson; p is Fisher exact, Holm-adjusted)',
    );
  }
  return lines;
}
