import { describe, expect, it } from 'vitest';
import { containsPhrase, normalise, sentences } from './text.js';

describe('text', () => {
  it('normalises case, punctuation and whitespace', () => {
    expect(normalise("  Project  KEEL-7, don't!")).toBe('project keel 7 dont');
  });

  it('matches whole words only', () => {
    expect(containsPhrase('the affair', 'affair')).toBe(true);
    expect(containsPhrase('affairs of state', 'affair')).toBe(false);
  });

  it('splits sentences but not after times, abbreviations or initials', () => {
    expect(sentences('Meet at 5 p.m. tomorrow. Dr. Vance agrees! J. Ortiz too?\nNew line')).toEqual(
      ['Meet at 5 p.m. tomorrow.', 'Dr. Vance agrees!', 'J. Ortiz too?', 'New line'],
    );
    expect(sentences("I won't. Please wait.")).toEqual(["I won't.", 'Please wait.']);
  });
});
