import { describe, expect, it } from 'vitest';
import { jsonString, jsonText, sameJson } from './json-text.js';

const inbox = Array.from(
  { length: 60 },
  (_, i) =>
    `From: "Dana \\ Q" <dana@corvane.example>\tSubject: plan ${i}\n\u2028 caf\u00e9 \u{1F600}\n`,
).join('');

describe('jsonString', () => {
  it('writes what JSON.stringify writes, for short and long texts with every kind of escape', () => {
    for (const text of ['', 'say "hi"\n', inbox, `${inbox}\u0000\ud800`])
      expect(jsonString(text)).toBe(JSON.stringify(text));
  });

  it('gives the same text for a long string asked for again, and for an equal copy of it', () => {
    const first = jsonString(inbox);
    const copy = [...inbox].join('');
    expect(jsonString(inbox)).toBe(first);
    expect(jsonString(copy)).toBe(JSON.stringify(copy));
  });
});

describe('jsonText', () => {
  it('writes a request body byte for byte as JSON.stringify does', () => {
    const body = {
      model: 'qwen3',
      max_tokens: 4096,
      temperature: undefined,
      messages: [
        { role: 'system', content: inbox.slice(0, 1500) },
        { role: 'user', content: inbox },
        { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function' }] },
      ],
      tools: undefined,
      sparse: [1, undefined, () => 1, Number.NaN, -0, true],
      nested: { 2: 'two', 1: 'one', b: { toJSON: () => 'custom' }, when: new Date(0) },
      noProto: Object.assign(Object.create(null) as object, { z: 1, a: [] }),
    };
    expect(jsonText(body)).toBe(JSON.stringify(body));
  });

  it('leaves values with their own toJSON to JSON.stringify', () => {
    const odd = Object.assign([1, 2], { toJSON: () => 'list' });
    expect(jsonText({ odd, boxed: new String('x') })).toBe(
      JSON.stringify({ odd, boxed: new String('x') }),
    );
  });
});

describe('sameJson', () => {
  it.each([
    [
      'equal nested values',
      { a: [1, 'x', null, { b: true }] },
      { a: [1, 'x', null, { b: true }] },
      true,
    ],
    [
      'an equal copy of a long string',
      { t: 'é'.repeat(2000) },
      { t: [...'é'.repeat(2000)].join('') },
      true,
    ],
    ['undefined on both sides', { a: undefined, b: 1 }, { a: undefined, b: 1 }, true],
    ['keys in another order (other text)', { a: 1, b: 2 }, { b: 2, a: 1 }, false],
    ['a key more', { a: 1 }, { a: 1, b: undefined }, false],
    ['a different string', { t: 'x'.repeat(2000) }, { t: `${'x'.repeat(1999)}y` }, false],
    ['an array against an object', { 0: 1 }, [1], false],
    ['arrays of other lengths', [1, 2], [1, 2, 3], false],
    ['two equal Dates (not plain: never the same)', { d: new Date(0) }, { d: new Date(0) }, false],
    ['NaN (written as null: compared by text instead)', [NaN], [NaN], false],
  ])('%s', (_label, a, b, same) => {
    expect(sameJson(a, b)).toBe(same);
    // Whenever it says the same, jsonText writes the same text.
    if (same) expect(jsonText(a as object)).toBe(jsonText(b as object));
  });
});
