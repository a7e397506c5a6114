import { randomBytes } from 'node:crypto';
import { createSecretBox, MasterKeyMismatchError } from './secret-box';

describe('secret box', () => {
  const box = createSecretBox(randomBytes(32));

  it('seals with a versioned key id and opens back to the plaintext', () => {
    const sealed = box.seal('whsec_abc');
    expect(sealed.startsWith('v1:')).toBe(true);
    expect(sealed).not.toContain('whsec_abc');
    expect(box.open(sealed)).toBe('whsec_abc');
    expect(box.seal('whsec_abc')).not.toBe(sealed); // fresh IV each time
  });

  it('fails closed under a different master key or a tampered value', () => {
    const sealed = box.seal('secret');
    expect(() => createSecretBox(randomBytes(32)).open(sealed)).toThrow(MasterKeyMismatchError);
    expect(() => createSecretBox(randomBytes(32)).open(sealed)).toThrow(/HOOKLINE_MASTER_KEY/);
    const raw = Buffer.from(sealed.slice(3), 'base64');
    raw[raw.length - 1] ^= 1;
    expect(() => box.open(`v1:${raw.toString('base64')}`)).toThrow(MasterKeyMismatchError);
    expect(() => box.open(`v2:${sealed.slice(3)}`)).toThrow(MasterKeyMismatchError);
  });
});
