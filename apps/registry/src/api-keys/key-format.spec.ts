import { displayPrefix, generateApiKey, hashApiKey, isWellFormedApiKey } from './key-format';

describe('API key format', () => {
  it('is hk_ + base62 with a checksum suffix that validates offline', () => {
    const key = generateApiKey();
    expect(key).toMatch(/^hk_[0-9A-Za-z]{38}$/);
    expect(isWellFormedApiKey(key)).toBe(true);
    expect(displayPrefix(key)).toBe(key.slice(0, 9));
    expect(hashApiKey(key)).toHaveLength(32);
  });

  it('rejects a key with one character changed or a wrong prefix', () => {
    const key = generateApiKey();
    const flipped = key.slice(0, 10) + (key[10] === 'a' ? 'b' : 'a') + key.slice(11);
    expect(isWellFormedApiKey(flipped)).toBe(false);
    expect(isWellFormedApiKey(`hx_${key.slice(3)}`)).toBe(false);
    expect(isWellFormedApiKey(key.slice(0, -1))).toBe(false);
  });
});
