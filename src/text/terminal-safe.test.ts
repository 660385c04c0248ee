import { describe, expect, it } from 'vitest';
import { jsonSafe, spreadsheetSafe, terminalSafe } from './terminal-safe.js';

describe('terminalSafe', () => {
  it('shows escape sequences visibly: no raw control character survives', () => {
    const hostile = '\u001b]0;owned\u0007\u001b[31mred\u001b[2K\u009b1A\u202eevil\r';
    const safe = terminalSafe(hostile);
    expect(safe).toBe('\\x1b]0;owned\\x07\\x1b[31mred\\x1b[2K\\x9b1A\\u202eevil\\r');
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    expect(safe).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/u);
  });

  it('keeps ordinary text, other scripts and emoji; line breaks only when multiline', () => {
    expect(terminalSafe('Müller 東京 🙂')).toBe('Müller 東京 🙂');
    expect(terminalSafe('a\nb\tc')).toBe('a\\nb\\tc');
    expect(terminalSafe('a\nb\tc\u001b', { multiline: true })).toBe('a\nb\tc\\x1b');
  });
});

describe('spreadsheetSafe', () => {
  it('neutralises cells a spreadsheet would run as formulas', () => {
    for (const formula of ['=1+1', '+1+1', '-1+cmd', '@SUM(A1)', '\t=1', '\r=1'])
      expect(spreadsheetSafe(formula).startsWith("'")).toBe(true);
    expect(spreadsheetSafe('=HYPERLINK("http://x")')).toBe('\'=HYPERLINK("http://x")');
  });

  it('leaves numbers, including negative ones, and plain text alone', () => {
    expect(spreadsheetSafe('-0.5')).toBe('-0.5');
    expect(spreadsheetSafe('1e-3')).toBe('1e-3');
    expect(spreadsheetSafe('openai:gpt-4.1')).toBe('openai:gpt-4.1');
  });
});

describe('jsonSafe', () => {
  it('escapes what JSON.stringify leaves raw, and parses back to the same data', () => {
    const value = { model: 'a\u009b1A\u202eb\u007f', note: 'ok' };
    const json = jsonSafe(JSON.stringify(value));
    expect(json).not.toMatch(/[\u007f-\u009f\u202a-\u202e]/u);
    expect(JSON.parse(json)).toEqual(value);
  });
});
