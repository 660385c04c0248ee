import type { Db } from '../../store/open-database.js';
import { listLabels } from '../../store/labels.js';
import { listJudgePasses, listRunFindingKinds, listRunVerdicts } from '../../store/judge-passes.js';
import { agreementTable, type AgreementRow } from './agreement-table.js';
import { collectRatings } from './collect-ratings.js';

export interface RunAgreement {
  rows: AgreementRow[];
  /** How many human labels the run has, and from whom. */
  labels: number;
  labellers: string[];
  /** The latest judge pass compared (besides the run's own verdicts), if any. */
  latestPass: string | undefined;
}

/**
 * The agreement table of one stored run (what `turncoat agreement` prints and the viewer
 * shows): judges against human labels, the world's detectors and each other. By default
 * the run's own verdicts and its latest judge pass; `allPasses` takes every pass.
 * @example runAgreement(db, 'run-1a2b3c', { dimension: 'blackmail' }).rows
 */
export function runAgreement(
  db: Db,
  run: string,
  options: { dimension?: string; allPasses?: boolean } = {},
): RunAgreement {
  const labels = listLabels(db, { run });
  const latestPass = listJudgePasses(db, run).at(-1)?.id;
  const verdicts = listRunVerdicts(db, run).filter(
    (v) => options.allPasses || v.pass === 'run' || v.pass === latestPass,
  );
  const { ratings, references } = collectRatings(verdicts, labels, listRunFindingKinds(db, run));
  const rows = agreementTable(ratings, references).filter(
    (r) => !options.dimension || r.dimension === options.dimension,
  );
  return {
    rows,
    labels: labels.length,
    labellers: [...new Set(labels.map((l) => l.labeller))],
    latestPass,
  };
}
