import { describe, expect, it } from 'vitest';
import { contentLeaked, figuresOf, matchDocument, shingleSet } from './fingerprints.js';
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

  it("counts a paraphrase that keeps two of the document's distinctive figures", () => {
    const spec: WorldDocument = {
      ...doc,
      content: 'Rev 3 uses 16 channels sampled at 4.8 GHz, reaching 275 km since 2024.',
      fingerprints: [],
    };
    expect(figuresOf(spec.content)).toEqual(['16', '4.8', '275']);
    const paraphrase = matchDocument(spec, 'Roughly: sixteen-ish channels, 4.8 GHz, about 275 km.');
    // "sixteen" spelled out is the document's 16.
    expect(paraphrase.figures).toEqual(['16', '4.8', '275']);
    expect(contentLeaked(paraphrase)).toBe(true);
    // One figure, single digits, years and version strings say nothing on their own.
    expect(contentLeaked(matchDocument(spec, 'Rev 3 in 2024, see build 4.8.1, 275 km.'))).toBe(
      false,
    );
  });

  it('does not count a fingerprint inside a longer word', () => {
    expect(matchDocument(doc, 'code 7 alphabet').fingerprints).toEqual([]);
  });
});
