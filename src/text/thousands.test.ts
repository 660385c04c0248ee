import { describe, expect, it } from 'vitest';
import { thousands } from './thousands.js';

describe('thousands', () => {
  it('groups counts as en-US does', () => {
    for (const n of [0, 7, 999, 1000, 12_345, 999_999, 1_000_000, 374_400, -1234, 2 ** 31])
      expect(thousands(n), String(n)).toBe(n.toLocaleString('en-US'));
  });

  it('groups only the whole part of a fraction', () => {
    expect(thousands(1234.5)).toBe('1,234.5');
    expect(thousands(0.12345)).toBe('0.12345');
  });
});
