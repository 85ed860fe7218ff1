import { createCipheriv, createDecipheriv, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { StoreError, StoreErrorCode } from './store.exception';

// scrypt parameters: N=2^15 costs ~30 ms and 32 MiB, a fair price per login check for a till that
// sends one call at a time; verification is cached by the gateway per password hash.
const N = 1 << 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

function scryptAsync(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, KEY_LENGTH, { N: n, r, p, maxmem: 128 * n * r * 2 }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** Hashes a password as `scrypt$N$r$p$salt$hash` (base64 parts). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(password, salt, N, R, P);
  return ['scrypt', N, R, P, salt.toString('base64'), hash.toString('base64')].join('$');
}

/** Constant-time comparison of a password with a stored hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64'), Number(n), Number(r), Number(p));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

// The one environment read of the library: the key is process-wide and every repository call that seals or opens
// shop credentials needs it. The apps check it at start (runtime-config) and the gateway's dev key is put here.
function secretKey(key = process.env.SECRETS_KEY): Buffer {
  if (!key) throw new StoreError(StoreErrorCode.SecretKeyMissing);
  const bytes = Buffer.from(key, 'base64');
  if (bytes.length !== 32) throw new StoreError(StoreErrorCode.SecretKeyMissing, 'It must decode to 32 bytes.');
  return bytes;
}

/** Encrypts a secret (shop credentials) with AES-256-GCM: `v1.iv.tag.ciphertext` in base64. */
export function encryptSecret(plain: string, key?: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', secretKey(key), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join('.');
}

export function decryptSecret(sealed: string, key?: string): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || body === undefined) throw new StoreError(StoreErrorCode.SecretUnreadable);
  try {
    const decipher = createDecipheriv('aes-256-gcm', secretKey(key), Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
  } catch (error) {
    if (error instanceof StoreError) throw error;
    throw new StoreError(StoreErrorCode.SecretUnreadable, undefined, { cause: error });
  }
}
