import { describe, expect, it } from 'vitest';
import { contentNonces, createFence } from './fence.js';

describe('createFence', () => {
  it('derives the nonce from the material: same material, same prompt (cacheable); another salt, another nonce', () => {
    const material = ['Dear Tobias, the wipe is at five.', 'no findings'];
    const a = createFence(material);
    expect(createFence([...material]).nonce).toBe(a.nonce);
    expect(createFence(material, contentNonces(material, 'attempt 2')).nonce).not.toBe(a.nonce);
    expect(createFence(['Dear Tobias, the wipe is at six.', 'no findings']).nonce).not.toBe(
      a.nonce,
    );
  });

  it('never uses a nonce that occurs in the material', () => {
    const taken = ['aaaa', 'bbbb'];
    const fence = createFence(['text with aaaa and bbbb'], () => taken.shift() ?? 'cccc');
    expect(fence.nonce).toBe('cccc');
    expect(fence.wrap('ACTIONS', 'x')).toBe('<<<ACTIONS cccc>>>\nx\n<<<END ACTIONS cccc>>>');
  });
});
