import { randomBytes } from 'node:crypto';
import { createSecretBox, masterKeyId, MasterKeyMismatchError } from './secret-box';
import { MasterKeyMissingError, resolveMasterKeys } from './master-key';

describe('secret box', () => {
  const key = randomBytes(32);
  const box = createSecretBox(key);

  it('seals under the id of its master key and opens back to the plaintext', () => {
    const sealed = box.seal('whsec_abc');
    expect(sealed.startsWith(`${masterKeyId(key)}:`)).toBe(true);
    expect(sealed).not.toContain('whsec_abc');
    expect(box.open(sealed)).toBe('whsec_abc');
    expect(box.seal('whsec_abc')).not.toBe(sealed); // fresh IV each time
  });

  it('fails closed under a different master key or a tampered value', () => {
    const sealed = box.seal('secret');
    expect(() => createSecretBox(randomBytes(32)).open(sealed)).toThrow(MasterKeyMismatchError);
    expect(() => createSecretBox(randomBytes(32)).open(sealed)).toThrow(/HOOKLINE_MASTER_KEY/);
    const [id, body] = sealed.split(':');
    const raw = Buffer.from(body, 'base64');
    raw[raw.length - 1] ^= 1;
    expect(() => box.open(`${id}:${raw.toString('base64')}`)).toThrow(MasterKeyMismatchError);
    expect(() => box.open(`v2:${body}`)).toThrow(MasterKeyMismatchError);
  });

  it('during a rotation opens values under the previous key, seals under the new one, and the old key opens nothing new', () => {
    const newKey = randomBytes(32);
    const oldSealed = box.seal('signing secret');
    const rotating = createSecretBox(newKey, { previous: [key] });
    expect(rotating.open(oldSealed)).toBe('signing secret');
    expect(rotating.isCurrent(oldSealed)).toBe(false);
    const resealed = rotating.seal(rotating.open(oldSealed));
    expect(rotating.isCurrent(resealed)).toBe(true);
    expect(() => box.open(resealed)).toThrow(MasterKeyMismatchError);
    expect(() => createSecretBox(newKey).open(oldSealed)).toThrow(MasterKeyMismatchError);
    expect(rotating.fingerprints('change')).toEqual([createSecretBox(newKey).fingerprint('change'), box.fingerprint('change')]);
  });

  it('a different purpose is a different key', () => {
    expect(() => createSecretBox(key, { purpose: 'gateway idempotency' }).open(box.seal('x'))).toThrow(MasterKeyMismatchError);
  });
});

describe('master keys', () => {
  const settings = { HOOKLINE_DEVELOPMENT_MACHINE: false, HOOKLINE_DEVELOPMENT_KEY_FILE: '/nonexistent/master.key' };
  const warn = jest.fn();

  it('refuses to run without a key unless told it is a development machine', () => {
    expect(() => resolveMasterKeys(settings, warn)).toThrow(MasterKeyMissingError);
    expect(() => resolveMasterKeys(settings, warn)).toThrow(/HOOKLINE_MASTER_KEY is not set.*HOOKLINE_DEVELOPMENT_MACHINE=true/);
  });

  it('takes the configured key and the previous keys of a rotation', () => {
    const [a, b, c] = [randomBytes(32), randomBytes(32), randomBytes(32)];
    const keys = resolveMasterKeys({ ...settings, HOOKLINE_MASTER_KEY: a.toString('hex'), HOOKLINE_MASTER_KEY_PREVIOUS: `${b.toString('hex')},${c.toString('hex')}` }, warn);
    expect(keys).toEqual({ current: a, previous: [b, c] });
  });
});
