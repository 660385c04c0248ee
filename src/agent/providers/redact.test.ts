import { describe, expect, it } from 'vitest';
import { redactSecrets } from './redact.js';

describe('redactSecrets', () => {
  it('removes the key it is given whatever its shape, every time it appears', () => {
    const key = 'vllm-local-2f9c41d07e';
    expect(redactSecrets(`invalid key ${key}; retried with ${key}`, [key])).toBe(
      'invalid key [redacted]; retried with [redacted]',
    );
  });

  it('removes each of several keys and skips missing ones', () => {
    expect(
      redactSecrets('a=AQ.first-key-7f3e b=second:key:99', [
        undefined,
        'AQ.first-key-7f3e',
        '',
        'second:key:99',
      ]),
    ).toBe('a=[redacted] b=[redacted]');
  });

  it('ignores "keys" under four characters, which would shred ordinary text', () => {
    expect(redactSecrets('the cat sat', ['the', 'at'])).toBe('the cat sat');
    expect(redactSecrets('code 4f2a failed', ['4f2a'])).toBe('code [redacted] failed');
  });

  it('removes every key-shaped string a provider echoes, not only the first', () => {
    expect(
      redactSecrets(
        'tried sk-proj-AbCdEf123456789, sk-ant-api03-Zyx987654321 and sk-or-v1-0123456789ab',
      ),
    ).toBe('tried [redacted], [redacted] and [redacted]');
    expect(redactSecrets('keys sk-abcdefgh12 sk-ijklmnop34')).toBe('keys [redacted] [redacted]');
  });

  it('removes Google keys and bearer tokens, every one, in any case', () => {
    const google = 'AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOp';
    expect(redactSecrets(`key=${google} again ${google}`)).toBe('key=[redacted] again [redacted]');
    expect(
      redactSecrets('authorization: bearer abc.def.ghi123, Authorization: BEARER zz-yy-xx-ww'),
    ).toBe('authorization: bearer [redacted], Authorization: BEARER [redacted]');
    expect(redactSecrets('Authorization: Bearer \t eyJhbGciOi.payload.sig')).toBe(
      'Authorization: Bearer \t [redacted]',
    );
  });

  it('leaves ordinary words and short tokens alone', () => {
    const text =
      'task-scheduler failed: risk-assessment-draft, Bearer of bad news, AIza-short, sk-1234';
    expect(redactSecrets(text)).toBe(text);
  });
});
