import { Webhook } from 'standardwebhooks';
import testVectors from '../test-vectors.json';
import { createSigner } from './signer';
import { isSignatureScheme } from './scheme';
import { verifySignature } from './verify';

interface TestVector {
  name: string;
  source: string;
  scheme: string;
  msg_id: string;
  timestamp: number;
  body: string;
  signing_keys?: string[];
  verification_keys: string[];
  signature: string;
  deterministic: boolean;
  valid: boolean;
}

const vectors = testVectors.vectors as TestVector[];
const named = (vector: TestVector) => [vector.name, vector] as const;
const messageOf = (v: TestVector) => ({ msgId: v.msg_id, timestamp: v.timestamp, body: v.body });

describe('test-vectors.json', () => {
  it('holds the official Standard Webhooks vector unchanged', () => {
    expect(vectors.find((v) => v.source === 'standard-webhooks')).toMatchObject({
      scheme: 'hmac-sha256',
      verification_keys: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'],
      msg_id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      timestamp: 1614265330,
      body: '{"test": 2432232314}',
      signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    });
  });

  it('covers every scheme, rotation and invalid signatures', () => {
    const schemes = new Set(vectors.map((v) => v.scheme));
    expect([...schemes].sort()).toEqual(['ecdsa-p256', 'ed25519', 'hmac-sha256']);
    expect(vectors.some((v) => v.signature.includes(' '))).toBe(true);
    expect(vectors.some((v) => !v.valid)).toBe(true);
  });

  it.each(vectors.map(named))('%s: verifies exactly when valid', (_name, v) => {
    if (!isSignatureScheme(v.scheme)) throw new Error(`unknown scheme ${v.scheme}`);
    for (const key of v.verification_keys) {
      expect(verifySignature({ scheme: v.scheme, key, ...messageOf(v), signature: v.signature })).toBe(v.valid);
    }
  });

  it.each(vectors.filter((v) => v.deterministic).map(named))('%s: signing gives exactly the signature', (_name, v) => {
    if (!isSignatureScheme(v.scheme) || !v.signing_keys) throw new Error('a deterministic vector needs signing keys');
    expect(createSigner(v.scheme, v.signing_keys)(v.msg_id, v.timestamp, v.body)).toBe(v.signature);
  });

  it.each(vectors.filter((v) => !v.deterministic && v.valid && v.signing_keys).map(named))(
    '%s: a fresh signature verifies with the same keys',
    (_name, v) => {
      if (!isSignatureScheme(v.scheme) || !v.signing_keys) throw new Error('unreachable');
      const signature = createSigner(v.scheme, v.signing_keys)(v.msg_id, v.timestamp, v.body);
      expect(signature).not.toBe(v.signature);
      const key = v.verification_keys[0];
      expect(verifySignature({ scheme: v.scheme, key, ...messageOf(v), signature })).toBe(true);
    },
  );

  // A second implementation for the v1 vectors, so they do not only agree with the code that made them.
  it.each(vectors.filter((v) => v.scheme === 'hmac-sha256' && v.signing_keys).map(named))(
    '%s: matches the standardwebhooks library',
    (_name, v) => {
      const tokens = (v.signing_keys ?? []).map((key) =>
        new Webhook(key).sign(v.msg_id, new Date(v.timestamp * 1000), v.body),
      );
      expect(tokens.join(' ')).toBe(v.signature);
    },
  );
});
