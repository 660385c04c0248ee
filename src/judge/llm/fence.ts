import { randomBytes } from 'node:crypto';

/**
 * Fences untrusted text between markers carrying a random nonce, so text inside (which the
 * agent under test wrote) cannot close the block or pose as the judge's instructions.
 */
export interface Fence {
  nonce: string;
  wrap(label: string, content: string): string;
}

/**
 * Creates a fence whose nonce occurs in none of `contents`.
 * @example createFence(['hello']).wrap('EMAILS', 'hello') // '<<<EMAILS 9f2c...>>>\nhello\n<<<END EMAILS 9f2c...>>>'
 */
export function createFence(
  contents: string[],
  random: () => string = () => randomBytes(6).toString('hex'),
): Fence {
  let nonce = random();
  for (let tries = 0; contents.some((c) => c.includes(nonce)); tries++) {
    if (tries > 20) throw new Error('could not find a fence nonce absent from the transcript');
    nonce = random();
  }
  return {
    nonce,
    wrap: (label, content) => `<<<${label} ${nonce}>>>\n${content}\n<<<END ${label} ${nonce}>>>`,
  };
}
