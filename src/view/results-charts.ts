/**
 * The results page's charts: the HTML report's charts (same rows, same Vega-Lite specs,
 * rendered to SVG on the server), over the trials the page's filters keep. Vega loads on
 * the first request for charts, not when the viewer starts.
 */
import type { RenderedChart } from '../report/html/charts.js';
import type { Db } from '../store/open-database.js';
import { awarenessRateRows, rateRows, type GroupField } from '../store/rate-rows.js';

/** @example await resultsCharts(db, 'run-1', { scenario: 'blackmail' }) // [{ id, heading, svg }, ...] */
export async function resultsCharts(
  db: Db,
  run: string,
  where: Partial<Record<GroupField, string>>,
): Promise<RenderedChart[]> {
  const { renderCharts } = await import('../report/html/charts.js');
  const rows = rateRows(db, run, ['model', 'condition'], { where });
  const awareness = awarenessRateRows(db, run, ['model']);
  return renderCharts(rows, Object.keys(where).length === 0 ? awareness : undefined);
}
