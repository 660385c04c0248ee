import { InputError } from '../../errors.js';
import type { Db } from '../../store/open-database.js';
import { awarenessRateRows } from '../../store/rate-rows.js';
import type { RunRecord } from '../../store/runs.js';
import { analysisRows, provenanceOf, type ReportFormat } from '../build-report.js';
import { assessRisk } from './assess-risk.js';
import { formatRiskText } from './format-risk-text.js';
import { renderRiskHtml } from './render-risk-html.js';

/**
 * `turncoat report --risk MODEL`: the risk assessment of one model of a stored run, as
 * terminal text (table), JSON or HTML. Throws InputError for a model the run did not test,
 * listing the ones it did.
 */
export async function buildRiskReport(
  db: Db,
  run: RunRecord,
  options: { model: string; format: ReportFormat; minValid?: number; pass?: string },
): Promise<string> {
  if (options.format === 'csv')
    throw new InputError('--risk cannot be written as csv; valid formats: table, json, html');
  if (
    options.minValid !== undefined &&
    !(Number.isInteger(options.minValid) && options.minValid > 0)
  )
    throw new InputError(`--min-valid '${options.minValid}' is not a positive whole number`);
  const rows = analysisRows(db, run.id);
  const models = [...new Set(rows.map((r) => r.model))];
  if (!models.includes(options.model))
    throw new InputError(
      `model '${options.model}' is not in run ${run.id}; valid: ${models.join(', ')}`,
    );
  const assessment = assessRisk({
    model: options.model,
    rows,
    awareness: awarenessRateRows(db, run.id, ['model'], options.pass ? { pass: options.pass } : {}),
    run: provenanceOf(run),
    ...(options.minValid ? { minValid: options.minValid } : {}),
  });
  if (options.format === 'json') return JSON.stringify(assessment, null, 2);
  if (options.format === 'html') return await renderRiskHtml(assessment);
  return formatRiskText(assessment);
}
