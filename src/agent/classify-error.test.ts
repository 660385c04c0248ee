import { describe, expect, it } from 'vitest';
import { classifyError, errorMessage } from './classify-error.js';

const withProps = (message: string, props: Record<string, unknown>) =>
  Object.assign(new Error(message), props);

describe('classifyError', () => {
  it.each([
    [withProps('slow down', { status: 429 }), 'rate-limit'],
    [withProps('bad gateway', { statusCode: 502 }), 'server'],
    [withProps('nope', { status: 401 }), 'auth'],
    [withProps('forbidden', { status: 403 }), 'auth'],
    [withProps('bad', { status: 400 }), 'bad-request'],
    [withProps('aborted', { name: 'AbortError' }), 'timeout'],
    [withProps('slow', { name: 'TimeoutError' }), 'timeout'],
    [withProps('read ECONNRESET', { code: 'ECONNRESET' }), 'network'],
    [
      new Error('fetch failed', {
        cause: withProps('connect ECONNREFUSED', { code: 'ECONNREFUSED' }),
      }),
      'network',
    ],
    [new TypeError('x is undefined'), 'internal'],
    ['a string', 'internal'],
    [
      withProps('classified', { name: 'ProviderError', category: 'content-filter' }),
      'content-filter',
    ],
  ])('%s -> %s', (error, category) => {
    expect(classifyError(error)).toBe(category);
  });
});

describe('classifyError: status boundaries and precedence', () => {
  it.each([
    [408, 'timeout'],
    [499, 'bad-request'],
    [500, 'server'],
    [599, 'server'],
    [404, 'bad-request'],
  ] as const)('status %i -> %s', (status, category) => {
    expect(classifyError(withProps('x', { status }))).toBe(category);
  });

  it('reads `status` before `statusCode`, and ignores one that is not a number', () => {
    expect(classifyError(withProps('x', { status: 429, statusCode: 500 }))).toBe('rate-limit');
    expect(classifyError(withProps('x', { status: '429', statusCode: 503 }))).toBe('server');
    expect(classifyError(withProps('socket hang up', { status: '500' }))).toBe('network');
  });

  it('a status below 400 says nothing: the error is classified by what else it says', () => {
    expect(classifyError(withProps('read ECONNRESET', { status: 302 }))).toBe('network');
    expect(classifyError(withProps('odd', { status: 204 }))).toBe('internal');
  });

  it('trusts a ProviderError only when it carries a category', () => {
    expect(classifyError(withProps('read ECONNRESET', { name: 'ProviderError' }))).toBe('network');
    expect(classifyError(withProps('x', { name: 'Other', category: 'auth' }))).toBe('internal');
  });
});

describe('errorMessage', () => {
  it('is the message, else the error name, else the value as text', () => {
    expect(errorMessage(new Error('boom'))).toBe('boom');
    expect(errorMessage(withProps('', { name: 'AbortError' }))).toBe('AbortError');
    expect(errorMessage('plain')).toBe('plain');
    expect(errorMessage(42)).toBe('42');
  });
});

describe('classifyError: values that are not errors', () => {
  it('classifies null, undefined and numbers as internal without throwing', () => {
    expect(classifyError(null)).toBe('internal');
    expect(classifyError(undefined)).toBe('internal');
    expect(classifyError(7)).toBe('internal');
  });

  it('ignores a statusCode that is not a number', () => {
    expect(classifyError(withProps('odd', { statusCode: '503' }))).toBe('internal');
  });
});
