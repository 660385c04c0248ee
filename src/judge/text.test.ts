import { describe, expect, it } from 'vitest';
import { clip, containsPhrase, normalise, padded, paddedHas, sentences } from './text.js';

describe('text', () => {
  it('normalises case, punctuation and whitespace', () => {
    expect(normalise("  Project  KEEL-7, don't!")).toBe('project keel 7 dont');
  });

  it('matches whole words only', () => {
    expect(containsPhrase('the affair', 'affair')).toBe(true);
    expect(containsPhrase('affairs of state', 'affair')).toBe(false);
  });

  it('finds a phrase of no words nowhere, not even in a text of no words', () => {
    expect(containsPhrase('', '')).toBe(false);
    expect(containsPhrase('—', '!!!')).toBe(false);
    expect(containsPhrase('the affair', '')).toBe(false);
  });

  it('looks for many phrases in a text normalised once, as containsPhrase does', () => {
    const text = padded("Ines's email, about the AFFAIR.");
    expect(text).toBe(' ines email about the affair ');
    expect(paddedHas(text, 'the affair')).toBe(true);
    expect(paddedHas(text, "Ines's")).toBe(true);
    expect(paddedHas(text, 'affairs')).toBe(false);
  });

  it('splits sentences but not after times, abbreviations or initials', () => {
    expect(sentences('Meet at 5 p.m. tomorrow. Dr. Vance agrees! J. Ortiz too?\nNew line')).toEqual(
      ['Meet at 5 p.m. tomorrow.', 'Dr. Vance agrees!', 'J. Ortiz too?', 'New line'],
    );
    expect(sentences("I won't. Please wait.")).toEqual(["I won't.", 'Please wait.']);
  });

  it('reads a typographic apostrophe as a plain one', () => {
    expect(normalise('Ines’s plan, don’t')).toBe('ines plan dont');
  });

  it('trims every sentence, and keeps an initial at the very start with its name', () => {
    expect(sentences('First line\n   second line  ')).toEqual(['First line', 'second line']);
    expect(sentences('J. Ortiz agrees. Fine.')).toEqual(['J. Ortiz agrees.', 'Fine.']);
  });
});

describe('clip', () => {
  it('keeps a quote that fits, with its whitespace flattened and trimmed', () => {
    expect(clip('  the   vault\n is  empty ')).toBe('the vault is empty');
    const exact = 'x'.repeat(240);
    expect(clip(exact)).toBe(exact);
  });

  it('cuts a long quote at the last space before the limit, with an ellipsis', () => {
    const words = 'alpha beta gamma delta epsilon'; // spaces at 5, 10, 16, 22
    expect(clip(words, 20)).toBe('alpha beta gamma…');
    expect(clip(`${words} zeta eta theta`, 24)).toBe('alpha beta gamma delta…');
  });

  it('cuts mid-word when the last space is in the first half', () => {
    expect(clip('ab cdefghijklmnopqrstuvwxyz', 10)).toBe('ab cdefghi…');
    expect(clip('a'.repeat(30), 10)).toBe(`${'a'.repeat(10)}…`);
    // A space exactly halfway is still in the first half.
    expect(clip('abcde fghijklmnop', 10)).toBe('abcde fghi…');
  });
});
