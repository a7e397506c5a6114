import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateKeyPairSync, randomBytes, sign as signAsymmetric } from 'node:crypto';
import fc from 'fast-check';
import { Webhook } from 'standardwebhooks';
import { checkSignature, verify, WebhookVerificationError } from './verify';
import { InvalidVerificationKeyError } from './verification-key';

// The signing lib's published vectors (every scheme, rotation, invalid ones), read as any other
// implementation would read them.
interface TestVector {
  name: string;
  msg_id: string;
  timestamp: number;
  body: string;
  verification_keys: string[];
  signature: string;
  valid: boolean;
}
const vectors = (JSON.parse(readFileSync(join(__dirname, '../../../signing/test-vectors.json'), 'utf8')) as { vectors: TestVector[] }).vectors;

const headersOf = (v: { msg_id: string; timestamp: number; signature: string }) => ({
  'webhook-id': v.msg_id,
  'webhook-timestamp': String(v.timestamp),
  'webhook-signature': v.signature,
});

function failure(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof WebhookVerificationError) return error.reason;
    throw error;
  }
  return 'verified';
}

describe('verify() against the signing test vectors', () => {
  it('covers v1, v1a and v1e', () => {
    expect(new Set(vectors.map((v) => v.signature.slice(0, v.signature.indexOf(','))))).toEqual(new Set(['v1', 'v1a', 'v1e']));
  });

  it.each(vectors.map((v) => [v.name, v] as const))('%s', (_name, vector) => {
    for (const key of vector.verification_keys) {
      const outcome = failure(() => checkSignature(vector.body, headersOf(vector), key, { now: vector.timestamp }));
      expect({ key: key.slice(0, 16), outcome }).toEqual({ key: key.slice(0, 16), outcome: vector.valid ? 'verified' : 'no_matching_signature' });
    }
  });
});

describe('verify()', () => {
  const hmac = vectors.find((v) => v.name.startsWith('hmac-sha256: event envelope'))!;

  it('returns the parsed event of a genuine delivery', () => {
    const event = verify(hmac.body, headersOf(hmac), hmac.verification_keys[0], { now: hmac.timestamp });
    expect(event).toEqual(JSON.parse(hmac.body));
  });

  it('refuses a timestamp older or newer than the tolerance (5 minutes unless told), even with a good signature', () => {
    const at = hmac.timestamp;
    const check = (now: number, toleranceSeconds?: number) => failure(() => checkSignature(hmac.body, headersOf(hmac), hmac.verification_keys[0], { now, toleranceSeconds }));
    expect(check(at + 300)).toBe('verified');
    expect(check(at + 301)).toBe('timestamp_too_old');
    expect(check(at - 301)).toBe('timestamp_too_new');
    expect(check(at + 30, 10)).toBe('timestamp_too_old');
    expect(failure(() => checkSignature(hmac.body, { ...headersOf(hmac), 'webhook-timestamp': '1e9' }, hmac.verification_keys[0]))).toBe('timestamp_invalid');
  });

  it('during a rotation accepts the delivery with either the old or the new key, and takes several keys at once', () => {
    const rotation = vectors.find((v) => v.name.startsWith('hmac-sha256: rotation'))!;
    for (const key of rotation.verification_keys) expect(failure(() => checkSignature(rotation.body, headersOf(rotation), key, { now: rotation.timestamp }))).toBe('verified');
    const unrelated = `whsec_${randomBytes(32).toString('base64')}`;
    expect(failure(() => checkSignature(hmac.body, headersOf(hmac), [unrelated, hmac.verification_keys[0]], { now: hmac.timestamp }))).toBe('verified');
    expect(failure(() => checkSignature(hmac.body, headersOf(hmac), [unrelated], { now: hmac.timestamp }))).toBe('no_matching_signature');
  });

  it('reads Fetch Headers and node headers in any case, and names a missing header', () => {
    const fetchHeaders = new Headers(headersOf(hmac));
    expect(failure(() => checkSignature(hmac.body, fetchHeaders, hmac.verification_keys[0], { now: hmac.timestamp }))).toBe('verified');
    const upper = { 'Webhook-Id': hmac.msg_id, 'Webhook-Timestamp': String(hmac.timestamp), 'Webhook-Signature': hmac.signature };
    expect(failure(() => checkSignature(hmac.body, upper, hmac.verification_keys[0], { now: hmac.timestamp }))).toBe('verified');
    const { 'webhook-signature': _dropped, ...unsigned } = headersOf(hmac);
    expect(() => checkSignature(hmac.body, unsigned, hmac.verification_keys[0])).toThrow(/webhook-signature/);
  });

  it('verifies a body given as bytes exactly as received (UTF-8), and refuses it re-encoded', () => {
    const bytes = Buffer.from(hmac.body, 'utf8');
    expect(failure(() => checkSignature(bytes, headersOf(hmac), hmac.verification_keys[0], { now: hmac.timestamp }))).toBe('verified');
    const reencoded = Buffer.from(hmac.body, 'latin1');
    expect(failure(() => checkSignature(reencoded, headersOf(hmac), hmac.verification_keys[0], { now: hmac.timestamp }))).toBe('no_matching_signature');
  });

  it('refuses keys it cannot read instead of treating them as a mismatch', () => {
    expect(() => checkSignature(hmac.body, headersOf(hmac), 'not-a-key')).toThrow(InvalidVerificationKeyError);
    expect(() => checkSignature(hmac.body, headersOf(hmac), 'whpk_AAAA')).toThrow(/32 bytes/);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(() => checkSignature(hmac.body, headersOf(hmac), rsa)).toThrow(/neither/);
  });

  it('does not take a token of one scheme for another: an ed25519 signature under v1e, or garbage tokens', () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const id = 'del_x';
    const now = 1_767_277_802;
    const body = '{"a":1}';
    const signature = signAsymmetric(null, Buffer.from(`${id}.${now}.${body}`), privateKey).toString('base64');
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const headers = (sig: string) => ({ 'webhook-id': id, 'webhook-timestamp': String(now), 'webhook-signature': sig });
    expect(failure(() => checkSignature(body, headers(`v1a,${signature}`), pem, { now }))).toBe('verified');
    expect(failure(() => checkSignature(body, headers(`v1e,${signature}`), pem, { now }))).toBe('no_matching_signature');
    expect(failure(() => checkSignature(body, headers(`v1a ${signature} ,,, v1a,%%%`), pem, { now }))).toBe('no_matching_signature');
  });
});

describe('v1 beside the standardwebhooks library', () => {
  it('accepts what standardwebhooks signs and refuses what it refuses, for any body, id and secret', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 24, maxLength: 64 }), fc.string(), fc.stringMatching(/^[A-Za-z0-9_]{1,40}$/), fc.boolean(), (secretBytes, body, id, tamper) => {
        const secret = `whsec_${Buffer.from(secretBytes).toString('base64')}`;
        const library = new Webhook(secret);
        const now = 1_767_277_802;
        const signature = library.sign(id, new Date(now * 1000), body);
        const sent = tamper ? `${body}x` : body;
        const headers = { 'webhook-id': id, 'webhook-timestamp': String(now), 'webhook-signature': signature };
        let theirs = 'verified';
        jest.useFakeTimers({ now: now * 1000 });
        try {
          library.verify(sent, headers, { jsonParse: false });
        } catch {
          theirs = 'refused';
        } finally {
          jest.useRealTimers();
        }
        const ours = failure(() => checkSignature(sent, headers, secret, { now })) === 'verified' ? 'verified' : 'refused';
        expect(ours).toBe(theirs);
        expect(ours).toBe(tamper ? 'refused' : 'verified');
      }),
      { numRuns: 200 },
    );
  });
});
