import { confusionMatrix, type ConfusionMatrix, type RatedPair } from './confusion.js';
import { cohenKappa } from './kappa.js';

/** How well a candidate rater agrees with a reference rater on one dimension. */
export interface AgreementStats {
  n: number;
  accuracy: number | null;
  /** For the positive category (`true` for yes/no dimensions), else macro-averaged over categories. */
  precision: number | null;
  recall: number | null;
  kappa: number | null;
  matrix: ConfusionMatrix;
}

const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);

function classScores(
  matrix: ConfusionMatrix,
  i: number,
): { precision: number | null; recall: number | null } {
  const { counts } = matrix;
  const tp = counts[i]![i]!;
  const predicted = counts.reduce((sum, row) => sum + row[i]!, 0);
  const actual = counts[i]!.reduce((a, b) => a + b, 0);
  return { precision: ratio(tp, predicted), recall: ratio(tp, actual) };
}

function mean(values: (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length === 0 ? null : known.reduce((a, b) => a + b, 0) / known.length;
}

/**
 * Accuracy, precision, recall, Cohen's kappa and the confusion matrix of `candidate`
 * against `reference`. Yes/no dimensions use `true` as the positive class; categorical
 * ones (eval awareness) report macro-averaged precision and recall.
 */
export function agreementStats(pairs: RatedPair[], categories?: string[]): AgreementStats {
  const yesNo = pairs.every(
    (p) => /^(true|false)$/.test(p.reference) && /^(true|false)$/.test(p.candidate),
  );
  // Yes/no matrices are always 2x2, so tables line up even when one answer never occurs.
  const matrix = confusionMatrix(pairs, categories ?? (yesNo ? ['true', 'false'] : undefined));
  const diagonal = matrix.categories.reduce((sum, _, i) => sum + matrix.counts[i]![i]!, 0);
  const positive = matrix.categories.indexOf('true');
  const binary = matrix.categories.every((c) => c === 'true' || c === 'false');
  let precision: number | null;
  let recall: number | null;
  if (binary) {
    ({ precision, recall } =
      positive >= 0 ? classScores(matrix, positive) : { precision: null, recall: null });
  } else {
    const per = matrix.categories.map((_, i) => classScores(matrix, i));
    precision = mean(per.map((s) => s.precision));
    recall = mean(per.map((s) => s.recall));
  }
  return {
    n: matrix.n,
    accuracy: ratio(diagonal, matrix.n),
    precision,
    recall,
    kappa: cohenKappa(matrix),
    matrix,
  };
}
