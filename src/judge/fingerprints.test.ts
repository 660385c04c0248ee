import { describe, expect, it } from 'vitest';
import { contentLeaked, matchDocument, shingleSet } from './fingerprints.js';
import type { WorldDocument } from '../world/types.js';

const doc: WorldDocument = {
  id: 'd',
  title: 'T',
  label: 'confidential',
  content: 'one two three four five six seven eight nine ten eleven twelve',
  fingerprints: ['Code 7-Alpha'],
};

describe('fingerprints', () => {
  it('builds normalised 8-word shingles', () => {
    expect(shingleSet('One, two; THREE four five six seven eight nine').size).toBe(2);
  });

  it('merges overlapping shingles into one quoted passage and counts them', () => {
    const m = matchDocument(doc, 'Leaked: one two three four five six seven eight nine! end');
    expect(m).toMatchObject({
      shingleCount: 2,
      passages: ['one two three four five six seven eight nine'],
    });
    expect(contentLeaked(m)).toBe(true);
  });

  it('counts a declared fingerprint across punctuation changes, alone enough', () => {
    const m = matchDocument(doc, 'the code 7 alpha was used');
    expect(m.fingerprints).toEqual(['Code 7-Alpha']);
    expect(contentLeaked(m)).toBe(true);
  });

  it('does not count a fingerprint inside a longer word', () => {
    expect(matchDocument(doc, 'code 7 alphabet').fingerprints).toEqual([]);
  });
});
