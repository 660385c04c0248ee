/**
 * A count with its thousands grouped: what `n.toLocaleString('en-US')` writes, without it.
 * The first `toLocaleString` of a process loads ICU's data (tens of milliseconds of CPU),
 * and `turncoat run` writes counts on every run (its report.html's tables).
 * @example thousands(1234567) // '1,234,567'
 * @example thousands(-1234.5) // '-1,234.5'
 */
export function thousands(n: number): string {
  const [whole, fraction] = String(n).split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}
