import { describe, expect, it } from 'vitest';
import { classifyError } from './classify-error.js';

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
