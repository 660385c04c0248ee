import { spreadsheetSafe } from '../text/terminal-safe.js';
import type { ExportedTrial } from './iterate-trials.js';

const COLUMNS = [
  'run', 'model', 'model_kind', 'condition', 'scenario', 'variant', 'sample', 'seed', 'protocol', 'status',
  'error_category', 'error_message', 'harmful', 'primary', 'steps', 'duration_ms', 'input_tokens', 'output_tokens',
  'findings', 'verdicts',
] as const; // prettier-ignore

/** The CSV header line of `turncoat export --format csv`. */
export const CSV_HEADER = COLUMNS.join(',');

/**
 * RFC 4180: quote a field holding a comma, quote or line break; double inner quotes. Text
 * never runs as a spreadsheet formula nor drives a terminal (`spreadsheetSafe`).
 */
export function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  const text = typeof value === 'string' ? spreadsheetSafe(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One trial as a CSV line; findings and verdicts (with evidence) are JSON-encoded cells. */
export function csvRow(t: ExportedTrial): string {
  return [
    t.run, t.model, t.modelKind, t.condition, t.scenario, t.variant, t.sample, t.seed, t.protocol, t.status,
    t.error?.category ?? null, t.error?.message ?? null, t.harmful, t.primary, t.steps, t.durationMs,
    t.usage.inputTokens, t.usage.outputTokens, JSON.stringify(t.findings), JSON.stringify(t.verdicts),
  ].map(csvField).join(','); // prettier-ignore
}
