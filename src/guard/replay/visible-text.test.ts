import { describe, expect, it } from 'vitest';
import { visible } from './visible-text.js';

describe('visible', () => {
  it('shows terminal escapes, carriage returns and bidi overrides instead of obeying them', () => {
    expect(visible('ok\u001b[2J\rnow\u202eevil')).toBe('ok\\x1b[2J\\x0dnow\\u202eevil');
  });
  it('marks newlines and cuts long text', () => {
    expect(visible('line one\nline two', 12)).toBe('line one⏎li…');
  });
});
