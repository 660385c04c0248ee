import { createHash } from 'node:crypto';

/**
 * Fences untrusted text between markers carrying a nonce, so text inside (which the agent
 * under test wrote) cannot close the block or pose as the judge's instructions.
 */
export interface Fence {
  nonce: string;
  wrap(label: string, content: string): string;
}

/**
 * The default nonce: a hash of the fenced material itself (plus a salt, e.g. the attempt).
 * The agent cannot write a closing marker carrying the hash of text that contains that very
 * marker, so it is as unguessable as a random one; and because the same material gives the
 * same prompt, judge calls can be answered from the response cache when a run is repeated.
 */
function contentNonces(contents: readonly string[], salt: string): () => string {
  let n = 0;
  return () => {
    const hash = createHash('sha256').update(`${salt}\0${n++}`);
    for (const c of contents) hash.update('\0').update(c);
    return hash.digest('hex').slice(0, 12);
  };
}

/**
 * Creates a fence whose nonce occurs in none of `contents`.
 * @example createFence(['hello']).wrap('EMAILS', 'hello') // '<<<EMAILS 9f2c...>>>\nhello\n<<<END EMAILS 9f2c...>>>'
 */
export function createFence(
  contents: string[],
  random: () => string = contentNonces(contents, ''),
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

export { contentNonces };
