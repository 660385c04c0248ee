import Table from 'cli-table3';
import { terminalSafe } from '../text/terminal-safe.js';

const BLANK = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
  bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
  left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '  ',
}; // prettier-ignore

export type Align = 'left' | 'right';

/**
 * A plain aligned text table (no borders, two spaces between columns, no trailing blanks),
 * the one look every terminal table of turncoat shares. Control characters in cells are
 * shown visibly (`\x1b`), so a cell cannot drive the terminal.
 * @example formatTable(['scenario', 'conditions'], [['blackmail', '78']], ['left', 'right'])
 */
export function formatTable(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  aligns: readonly Align[] = [],
): string {
  const table = new Table({
    head: head.map((h) => terminalSafe(h)),
    chars: BLANK,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
    colAligns: head.map((_, i) => aligns[i] ?? 'left'),
  });
  // Cells may hold model ids, conditions or text from imported files: shown, never obeyed.
  for (const row of rows) table.push(row.map((cell) => terminalSafe(cell)));
  return table
    .toString()
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
}
