import { canonicalJson, checkIdempotencyKey, requestHash } from './request-hash';

describe('requestHash', () => {
  it('is the same for the same body in another key order or spacing', () => {
    const a = requestHash('POST', '/v1/webhooks', JSON.parse('{"name":"Orders","url":"https://x","auth":{"type":"none"}}'));
    const b = requestHash('post', '/v1/webhooks', JSON.parse('{ "auth": {"type":"none"}, "url":"https://x", "name":"Orders" }'));
    expect(a).toBe(b);
  });

  it('differs when the body, path or method differs', () => {
    const base = requestHash('POST', '/v1/webhooks', { name: 'Orders' });
    expect(requestHash('POST', '/v1/webhooks', { name: 'Orders2' })).not.toBe(base);
    expect(requestHash('POST', '/v1/api-keys', { name: 'Orders' })).not.toBe(base);
    expect(requestHash('PATCH', '/v1/webhooks', { name: 'Orders' })).not.toBe(base);
    expect(requestHash('POST', '/v1/webhooks', undefined)).not.toBe(base);
  });

  it('keeps array order significant', () => {
    expect(canonicalJson({ a: [2, 1] })).not.toBe(canonicalJson({ a: [1, 2] }));
    expect(canonicalJson({ b: 1, a: { d: null, c: 'x' } })).toBe('{"a":{"c":"x","d":null},"b":1}');
  });
});

describe('checkIdempotencyKey', () => {
  it('accepts 1–255 printable ASCII characters', () => {
    expect(checkIdempotencyKey('a')).toBe('a');
    expect(checkIdempotencyKey('order-42 retry #1 ~')).toBe('order-42 retry #1 ~');
    expect(checkIdempotencyKey('k'.repeat(255))).toHaveLength(255);
  });

  it.each([['empty', ''], ['too long', 'k'.repeat(256)], ['non-ASCII', 'clé'], ['control character', 'a\tb']])('refuses a %s key', (_what, key) => {
    expect(() => checkIdempotencyKey(key)).toThrow(expect.objectContaining({ code: 'idempotency_key_invalid', param: 'Idempotency-Key' }));
  });
});
