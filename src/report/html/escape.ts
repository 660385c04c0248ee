import { percent as compactPercent } from '../../stats/compare-rates.js';

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: unknown): string {
  return String(text).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** "62%" / "0.4%" / "–" for a missing rate. */
export function percent(x: number | null | undefined): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '–';
  return `${compactPercent(x)}%`;
}

/** "62% [55–68]", or "no valid trials". */
export function rateWithInterval(rate: number | null, low: number, high: number): string {
  if (rate === null) return 'no valid trials';
  return `${percent(rate)} [${percent(low).replace('%', '')}–${percent(high)}]`;
}
