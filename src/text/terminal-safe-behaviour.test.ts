/**
 * What a person sees on a terminal or in a spreadsheet when a model's text is printed: every
 * character that could steer the terminal is shown, every ordinary character is left alone,
 * at the exact edges of the ranges that are escaped.
 */
import { describe, expect, it } from 'vitest';
import { forTerminal } from '../guard/terminal-text.js';
import { jsonSafe, spreadsheetSafe, terminalSafe } from './terminal-safe.js';

/** The characters just inside and just outside each escaped range. */
const EDGES = {
  escaped: ['\u0000', '\u001f', '\u007f', '\u009f', '\u202a', '\u202e', '\u2066', '\u2069'],
  kept: [' ', '~', '\u00a0', '\u2029', '\u202f', '\u2065', '\u206a'],
};

describe('terminalSafe at the edges of what it escapes', () => {
  it('shows each control character as a two-digit \\x escape, lower-case hex', () => {
    expect(terminalSafe('\u0000')).toBe('\\x00');
    expect(terminalSafe('\u0001\u001f')).toBe('\\x01\\x1f');
    expect(terminalSafe('\u007f\u009f')).toBe('\\x7f\\x9f');
    expect(terminalSafe('\u001b[1m')).toBe('\\x1b[1m');
  });

  it('shows a bidi mark as a four-digit \\u escape', () => {
    expect(terminalSafe('\u202a\u202e\u2066\u2069')).toBe('\\u202a\\u202e\\u2066\\u2069');
  });

  it('leaves the neighbours of each range alone', () => {
    for (const ch of EDGES.kept) expect(terminalSafe(`a${ch}b`)).toBe(`a${ch}b`);
    for (const ch of EDGES.escaped) expect(terminalSafe(ch)).not.toContain(ch);
  });

  it('escapes every occurrence, not only the first', () => {
    expect(terminalSafe('\u001b\u001b x \u001b')).toBe('\\x1b\\x1b x \\x1b');
  });

  it('keeps only newline and tab in a transcript; a carriage return is still shown', () => {
    expect(terminalSafe('a\r\nb\t', { multiline: true })).toBe('a\\r\nb\t');
    expect(terminalSafe('a\r\nb\t')).toBe('a\\r\\nb\\t');
    expect(terminalSafe('\u000b\u000c', { multiline: true })).toBe('\\x0b\\x0c');
  });
});

describe('spreadsheetSafe', () => {
  it('leaves every spelling of a number alone and quotes text that only looks like one', () => {
    for (const number of ['0', '42', '-3', '+7', '3.', '3.25', '.5', '-.5', '2E10', '1e+3'])
      expect(spreadsheetSafe(number)).toBe(number);
    for (const formula of ['-1+1', '+A1', '-e5', '- 1', '1-1', '-1e', '-0x10'])
      expect(spreadsheetSafe(formula)).toBe(/^[-+]/.test(formula) ? `'${formula}` : formula);
  });

  it('leaves signed numbers of every shape alone (only a sign makes a number look like a formula)', () => {
    for (const number of [
      '-42',
      '+42',
      '-0.25',
      '-.25',
      '-12.',
      '-1e5',
      '-1e-10',
      '+2E+10',
      '-3.5e12',
    ])
      expect(spreadsheetSafe(number)).toBe(number);
    for (const text of ['-1e', '-e5', '-1e+', '-1ex', '-.', '+.e5'])
      expect(spreadsheetSafe(text)).toBe(`'${text}`);
  });

  it('quotes only a dangerous first character, not one later in the cell', () => {
    expect(spreadsheetSafe('a=b')).toBe('a=b');
    expect(spreadsheetSafe('x@y.example')).toBe('x@y.example');
    expect(spreadsheetSafe('@home')).toBe("'@home");
  });

  it('keeps line breaks in a cell but shows other control characters', () => {
    expect(spreadsheetSafe('line 1\nline 2')).toBe('line 1\nline 2');
    expect(spreadsheetSafe('ok\u001b[2J')).toBe('ok\\x1b[2J');
    expect(spreadsheetSafe('\t=1')).toBe("'\t=1");
  });
});

describe('jsonSafe', () => {
  it('writes each unsafe character as a four-digit \\u escape and leaves the rest', () => {
    expect(jsonSafe('"\u007f\u009f\u202a\u202e\u2066\u2069"')).toBe(
      '"\\u007f\\u009f\\u202a\\u202e\\u2066\\u2069"',
    );
    expect(jsonSafe('"~\u00a0\u2029\u206a é"')).toBe('"~\u00a0\u2029\u206a é"');
    expect(jsonSafe('"\u009b\u009b"')).toBe('"\\u009b\\u009b"');
  });
});

describe('forTerminal (the guard CLI)', () => {
  it('shows controls, DEL, C1 and direction marks as \\u{..} escapes', () => {
    expect(forTerminal('ok\u001b[2J')).toBe('ok\\u{1b}[2J');
    expect(forTerminal('\u0000\u0008\u000b\u001f')).toBe('\\u{0}\\u{8}\\u{b}\\u{1f}');
    expect(forTerminal('\u007f\u009f\u200e\u200f')).toBe('\\u{7f}\\u{9f}\\u{200e}\\u{200f}');
    expect(forTerminal('\u202a\u202e\u2066\u2069')).toBe('\\u{202a}\\u{202e}\\u{2066}\\u{2069}');
  });

  it('keeps newline, tab and ordinary text, including the neighbours of each range', () => {
    expect(forTerminal('a\nb\tc')).toBe('a\nb\tc');
    for (const ch of [
      ' ',
      '~',
      '\u00a0',
      '\u200d',
      '\u2010',
      '\u2029',
      '\u202f',
      '\u2065',
      '\u206a',
    ])
      expect(forTerminal(ch)).toBe(ch);
    expect(forTerminal('Müller 東京 🙂')).toBe('Müller 東京 🙂');
  });
});
