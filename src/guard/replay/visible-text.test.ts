import { describe, expect, it } from 'vitest';
import { visible } from './visible-text.js';

describe('visible', () => {
  it('shows terminal escapes, carriage returns and bidi overrides instead of obeying them', () => {
    expect(visible('ok\u001b[2J\rnow\u202eevil')).toBe('ok\\u{1b}[2J\\u{d}now\\u{202e}evil');
  });
  it('keeps a line a line: newlines marked, long text cut', () => {
    expect(visible('line one\nline two', 12)).toBe('line one⏎li…');
  });
});
