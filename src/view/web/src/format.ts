/** Numbers and outcomes as people read them. */
export const percent = (value: number | null | undefined, digits = 0): string =>
  value === null || value === undefined ? '—' : `${(value * 100).toFixed(digits)}%`;

export const outcome = (harmful: boolean | null, status: string): string =>
  status === 'error'
    ? 'error'
    : harmful === null
      ? 'unscored'
      : harmful
        ? 'harmful'
        : 'not harmful';

export const shortTime = (iso: string): string => iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, '');

export const valueText = (value: unknown): string =>
  value === null || value === undefined
    ? '—'
    : typeof value === 'string'
      ? value
      : JSON.stringify(value);
