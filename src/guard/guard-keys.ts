/**
 * The guard's keys, kept beside the store (`<dir>/guard-keys.json`, mode 0600): an HMAC key
 * that binds approvals to exact arguments, and the Ed25519 pair that signs audit checkpoints.
 * Created on first use; a throwaway store (`:memory:`) gets fresh keys.
 */
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';

export const KEYS_FILE = 'guard-keys.json';

export interface GuardKeys {
  hmacKey: Buffer;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

/** Loads the keys from `dir`, creating them when absent. */
export function loadGuardKeys(dir: string): GuardKeys {
  if (dir === ':memory:') return freshKeys();
  const file = join(dir, KEYS_FILE);
  if (!existsSync(file)) {
    const keys = freshKeys();
    const json = {
      hmacKey: keys.hmacKey.toString('base64'),
      privateKey: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }),
    };
    try {
      writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // Another process created it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      return loadGuardKeys(dir);
    }
    return keys;
  }
  try {
    const json = JSON.parse(readFileSync(file, 'utf8')) as { hmacKey: string; privateKey: string };
    const privateKey = createPrivateKey(json.privateKey);
    return {
      hmacKey: Buffer.from(json.hmacKey, 'base64'),
      privateKey,
      publicKey: createPublicKey(privateKey),
    };
  } catch (error) {
    throw new InputError(`cannot read the guard's keys ${file}: ${(error as Error).message}`);
  }
}

function freshKeys(): GuardKeys {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { hmacKey: randomBytes(32), privateKey, publicKey };
}
