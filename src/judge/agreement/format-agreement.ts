import type { AgreementRow } from './agreement-table.js';
import { fixed, textTable } from './text-table.js';

/** `2 1 / 0 5`: the confusion matrix row by row (reference rows, judge columns). */
export function compactMatrix(row: AgreementRow): string {
  return row.matrix.counts.map((r) => r.join(' ')).join(' / ');
}

/**
 * The agreement rows as one aligned table per dimension, references first, then judge pairs.
 * Confusion matrices read reference rows by judge columns, in the category order shown.
 */
export function formatAgreement(rows: AgreementRow[]): string {
  if (rows.length === 0)
    return 'nothing to compare yet: no dimension has two raters on the same trials.';
  const out: string[] = [];
  // Long rater ids (model ids with base URLs, combined judges) get short aliases and a legend.
  const raters = [...new Set(rows.flatMap((r) => [r.reference, r.candidate]))];
  const aliases = new Map<string, string>();
  let next = 1;
  for (const rater of raters) if (rater.length > 28) aliases.set(rater, `[${next++}]`);
  const name = (rater: string) => aliases.get(rater) ?? rater;
  if (aliases.size) {
    for (const [rater, alias] of aliases) out.push(`${alias} ${rater}`);
    out.push('');
  }
  const dimensions = [...new Set(rows.map((r) => r.dimension))];
  for (const dimension of dimensions) {
    const group = rows.filter((r) => r.dimension === dimension);
    const categories = [...new Set(group.flatMap((r) => r.matrix.categories))];
    out.push(
      `${dimension}  (confusion: reference rows x judge columns, order ${categories.join(', ')})`,
    );
    out.push(
      textTable(
        ['reference', 'judge', 'n', 'accuracy', 'precision', 'recall', 'kappa', 'confusion'],
        group.map((r) => [
          r.kind === 'between-judges' ? `${name(r.reference)} (judge)` : name(r.reference),
          name(r.candidate),
          String(r.n),
          fixed(r.accuracy),
          fixed(r.precision),
          fixed(r.recall),
          fixed(r.kappa),
          compactMatrix(r),
        ]),
      )
        .split('\n')
        .map((l) => `  ${l}`)
        .join('\n'),
    );
    out.push('');
  }
  out.push(
    'kappa: agreement beyond chance (1 perfect, 0 chance level, below 0 worse than chance); — where undefined.',
  );
  return out.join('\n');
}
