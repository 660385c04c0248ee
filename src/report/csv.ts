import { spreadsheetSafe } from '../text/terminal-safe.js';
import { COUNT_FIELDS, type RateRow } from './rate-row.js';

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  // A cell never runs as a spreadsheet formula nor drives a terminal (`spreadsheetSafe`).
  const text = typeof value === 'string' ? spreadsheetSafe(value) : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Rate rows as CSV (RFC 4180): the grouping fields first (`keys`, then any other axis field
 * the rows carry), then trials, valid, harmful, errors, rate, ciLow, ciHigh. An empty rate
 * means no valid trials.
 * @example formatRateCsv(rows, ['model', 'condition']).split('\n')[0] // 'model,modelKind,condition,scenario,trials,...'
 */
export function formatRateCsv(rows: readonly RateRow[], keys: readonly string[]): string {
  const counted = new Set<string>(COUNT_FIELDS);
  const fields = [...keys];
  for (const row of rows) {
    for (const k of Object.keys(row)) if (!counted.has(k) && !fields.includes(k)) fields.push(k);
  }
  const header = [...fields, ...COUNT_FIELDS];
  const lines = [header.join(',')];
  for (const row of rows) lines.push(header.map((f) => cell(row[f])).join(','));
  return `${lines.join('\n')}\n`;
}
