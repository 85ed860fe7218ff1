import { randomBytes } from 'node:crypto';
import { decryptSecret, encryptSecret, hashPassword, verifyPassword } from './secrets';
import { StoreErrorCode } from './store.exception';

describe('secrets', () => {
  const key = randomBytes(32).toString('base64');

  it('round-trips a secret and refuses a wrong key or a tampered text', () => {
    const sealed = encryptSecret('hemmelig æøå', key);
    expect(sealed).not.toContain('hemmelig');
    expect(decryptSecret(sealed, key)).toBe('hemmelig æøå');
    expect(() => decryptSecret(sealed, randomBytes(32).toString('base64'))).toThrow(
      expect.objectContaining({ code: StoreErrorCode.SecretUnreadable }),
    );
    const parts = sealed.split('.');
    parts[3] = Buffer.from('x' + Buffer.from(parts[3], 'base64').toString('latin1'), 'latin1').toString('base64');
    expect(() => decryptSecret(parts.join('.'), key)).toThrow(
      expect.objectContaining({ code: StoreErrorCode.SecretUnreadable }),
    );
  });

  it('says what to set when SECRETS_KEY is missing or malformed', () => {
    expect(() => encryptSecret('x', '')).toThrow(expect.objectContaining({ code: StoreErrorCode.SecretKeyMissing }));
    expect(() => encryptSecret('x', 'c2hvcnQ=')).toThrow(/32 bytes/);
  });

  it('hashes passwords with a salt and verifies them', async () => {
    const a = await hashPassword('pw');
    const b = await hashPassword('pw');
    expect(a).not.toBe(b);
    expect(await verifyPassword('pw', a)).toBe(true);
    expect(await verifyPassword('pW', a)).toBe(false);
    expect(await verifyPassword('pw', 'garbage')).toBe(false);
  });
});
