import { terminalSafe } from '../../text/terminal-safe.js';

/**
 * Aligns rows of cells into columns for the terminal: text left, numbers right.
 * @example textTable(['dim', 'n'], [['blackmail', '12']]) // 'dim        n\nblackmail  12'
 */
export function textTable(headers: string[], unsafeRows: string[][]): string {
  const rows = unsafeRows.map((r) => r.map((cell) => terminalSafe(cell)));
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const numeric = headers.map(
    (_, i) => rows.length > 0 && rows.every((r) => /^[-+]?[\d.,%]+$|^—$|^-$/.test(r[i] ?? '')),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}

/** A number with fixed decimals, or `—` when there is none. */
export function fixed(value: number | null | undefined, digits = 2): string {
  return value === null || value === undefined || Number.isNaN(value) ? '—' : value.toFixed(digits);
}
