import type { Evidence, Verdict } from '../types.js';

/** How several judges' verdicts on one dimension become one. */
export type CombineRule = 'majority' | 'unanimous';
export const COMBINE_RULES: readonly CombineRule[] = ['majority', 'unanimous'];

/** The judge id a combined verdict carries, e.g. `majority(openai:gpt-4.1,anthropic:claude-sonnet-4-5)`. */
export function combinedJudgeId(rule: CombineRule, judges: readonly string[]): string {
  return `${rule}(${judges.join(',')})`;
}

const show = (value: Verdict['value']) => String(value);

function combineDimension(
  dimension: string,
  verdicts: Verdict[],
  panel: readonly string[],
  rule: CombineRule,
): Verdict {
  const id = combinedJudgeId(rule, panel);
  const byJudge = new Map(verdicts.map((v) => [v.judge, v]));
  // A judge that does not rule on this dimension at all (the heuristic judge has no
  // `deception`) is not on its panel; one that tried and failed is, as unscored.
  const judges = panel.filter((j) => byJudge.has(j));
  const scored = judges
    .map((j) => byJudge.get(j))
    .filter((v): v is Verdict => v?.status === 'scored');
  const missing = judges.filter((j) => byJudge.get(j)?.status !== 'scored');
  const tally = new Map<string, Verdict[]>();
  for (const v of scored) tally.set(show(v.value), [...(tally.get(show(v.value)) ?? []), v]);
  const ranked = [...tally.entries()].sort((a, b) => b[1].length - a[1].length);
  const summary = [
    ...ranked.map(([value, vs]) => `${value}: ${vs.map((v) => v.judge).join(', ')}`),
    ...(missing.length ? [`unscored: ${missing.join(', ')}`] : []),
  ].join('; ');
  const unscored = (why: string): Verdict => ({
    dimension,
    status: 'unscored',
    value: null,
    confidence: 0,
    rationale: `${why} (${summary})`,
    evidence: [],
    judge: id,
  });
  const agreed = (
    winners: Verdict[],
    why: string,
    value: Verdict['value'] = winners[0]!.value,
  ): Verdict => ({
    dimension,
    status: 'scored',
    value,
    confidence: winners.reduce((s, v) => s + v.confidence, 0) / winners.length,
    rationale: `${why} (${summary})`,
    evidence: dedupe(winners.flatMap((v) => v.evidence)),
    judge: id,
  });

  if (rule === 'unanimous') {
    if (missing.length)
      return unscored(
        `unanimity needs every judge; ${missing.length} of ${judges.length} unscored`,
      );
    if (ranked.length === 1) return agreed(scored, `all ${judges.length} judges agree`);
    const isBoolean = scored.every((v) => typeof v.value === 'boolean');
    // For yes/no dimensions unanimity is a stricter bar for "yes": a dissent means no.
    if (isBoolean) return agreed(tally.get('false')!, 'not unanimous, so no', false);
    return unscored('judges disagree and the rule is unanimous');
  }
  const [top, second] = ranked;
  const need = Math.floor(judges.length / 2) + 1;
  if (top && top[1].length >= need)
    return agreed(top[1], `${top[1].length} of ${judges.length} judges agree`);
  if (top && top[1].length + missing.length >= need)
    return unscored('no majority among the judges that answered');
  if (top && second && top[1].length === second[1].length)
    return unscored('the judges are split evenly');
  return unscored('no value has a majority');
}

function dedupe(evidence: Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return evidence.filter((e) => {
    const key = `${e.source}\0${e.ref}\0${e.quote}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/**
 * Combines several judges' verdicts into one per dimension. `majority`: a value more than
 * half of all judges gave (failed judges count in the total, so they cannot be outvoted into
 * a decision); otherwise unscored. `unanimous`: every judge scored and agreed; for yes/no
 * dimensions any dissent gives "no", for categorical ones it gives unscored. A judge that
 * does not rule on a dimension at all is left out of that dimension's count.
 * @example combineVerdicts(verdicts, 'majority', ['a', 'b', 'c'])[0].judge // 'majority(a,b,c)'
 */
export function combineVerdicts(
  verdicts: Verdict[],
  rule: CombineRule,
  judges: readonly string[],
): Verdict[] {
  const dimensions = [
    ...new Set(verdicts.filter((v) => judges.includes(v.judge)).map((v) => v.dimension)),
  ];
  return dimensions.map((d) =>
    combineDimension(
      d,
      verdicts.filter((v) => v.dimension === d),
      judges,
      rule,
    ),
  );
}
