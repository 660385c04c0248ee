import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { resolveModel } from './resolve-model.js';

describe('resolveModel', () => {
  it.each(['aligned', 'misaligned', 'discloser', 'random@0.25', 'random@0', 'random@1'])(
    'resolves reference:%s',
    (persona) => {
      const model = resolveModel(`reference:${persona}`);
      expect(model).toMatchObject({ id: `reference:${persona}`, kind: 'reference' });
    },
  );

  it.each([
    [
      'reference:saint',
      /unknown reference persona 'saint'; valid: reference:aligned, reference:misaligned, reference:discloser, reference:random@<p>/,
    ],
    ['reference:random@1.5', /p must be a number from 0 to 1/],
    ['reference:random@', /p must be a number from 0 to 1/],
    ['reference:random@abc', /p must be a number from 0 to 1/],
    ['skynet:v1', /unknown model id 'skynet:v1'.*reference:, openai:, anthropic:/],
    ['gpt-4.1', /unknown model id 'gpt-4.1'/],
  ])('refuses %s with an InputError naming the choices', (id, message) => {
    expect(() => resolveModel(id)).toThrow(InputError);
    expect(() => resolveModel(id)).toThrow(message);
  });

  it('hands provider ids to the providers', () => {
    const saved = process.env.OPENAI_API_KEY;
    process.env.OPENAI_API_KEY = 'sk-test-not-real';
    try {
      expect(resolveModel('openai:gpt-4.1')).toMatchObject({
        id: 'openai:gpt-4.1',
        kind: 'language-model',
      });
    } finally {
      if (saved === undefined) delete process.env.OPENAI_API_KEY;
      else process.env.OPENAI_API_KEY = saved;
    }
  });
});
