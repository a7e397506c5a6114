import { Webhook } from 'standardwebhooks';
import { generateSigningSecret } from './secret';
import { createSigner, signatureFor, signatureHeader } from './signer';
import { generateKeyPair } from './key-pair';
import { webhookHeaders } from './headers';

// Published by the Standard Webhooks project (libraries' shared test case).
const OFFICIAL = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  msgId: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};

const now = () => Math.floor(Date.now() / 1000);
const body = '{"id":"evt_1","object":"event","type":"transfer.completed","data":{"memo":"café ☕"}}';

describe('signatureFor', () => {
  it('reproduces the official Standard Webhooks test vector', () => {
    const { secret, msgId, timestamp, body } = OFFICIAL;
    expect(signatureFor({ scheme: 'hmac-sha256', key: secret, msgId, timestamp, body })).toBe(OFFICIAL.signature);
  });

  it('signs a Buffer body exactly as the same string', () => {
    const { secret, msgId, timestamp, body } = OFFICIAL;
    expect(signatureFor({ scheme: 'hmac-sha256', key: secret, msgId, timestamp, body: Buffer.from(body) })).toBe(
      OFFICIAL.signature,
    );
  });

  it('prefixes each scheme with its version: v1, v1a, v1e', () => {
    const input = { msgId: 'del_1', timestamp: 1767277802, body };
    expect(signatureFor({ scheme: 'hmac-sha256', key: generateSigningSecret(), ...input })).toMatch(/^v1,[\w+/]{43}=$/);
    const ed = generateKeyPair('ed25519').privateKey;
    expect(signatureFor({ scheme: 'ed25519', key: ed, ...input })).toMatch(/^v1a,[\w+/]{86}==$/);
    const ec = generateKeyPair('ecdsa-p256').privateKey;
    expect(signatureFor({ scheme: 'ecdsa-p256', key: ec, ...input })).toMatch(/^v1e,[\w+/]{86}==$/);
  });

  it.each([
    ['contains "."', 'del_1.2'],
    ['is empty', ''],
    ['contains whitespace', 'del 1'],
    ['contains a newline', 'del_1\nx-injected: 1'],
  ])('refuses a message id that %s', (_case, msgId) => {
    const input = { scheme: 'hmac-sha256' as const, key: OFFICIAL.secret, msgId, timestamp: now(), body };
    expect(() => signatureFor(input)).toThrow(expect.objectContaining({ code: 'invalid_message_id' }));
  });

  it.each([1.5, -1, Number.NaN])('refuses timestamp %p', (timestamp) => {
    const input = { scheme: 'hmac-sha256' as const, key: OFFICIAL.secret, msgId: 'del_1', timestamp, body };
    expect(() => signatureFor(input)).toThrow(expect.objectContaining({ code: 'invalid_timestamp' }));
  });
});

describe('signatureHeader and createSigner', () => {
  it('sign with every key, in the order given, separated by one space', () => {
    const [current, previous] = [generateSigningSecret(), generateSigningSecret()];
    const input = { scheme: 'hmac-sha256' as const, msgId: 'del_1', timestamp: 1767277802, body };
    const header = signatureHeader({ ...input, keys: [current, previous] });
    expect(header).toBe(
      `${signatureFor({ ...input, key: current })} ${signatureFor({ ...input, key: previous })}`,
    );
    expect(createSigner('hmac-sha256', [current, previous])('del_1', 1767277802, body)).toBe(header);
  });

  it('reject an empty key list and a malformed key when the signer is built, not per message', () => {
    expect(() => createSigner('hmac-sha256', [])).toThrow(expect.objectContaining({ code: 'invalid_signing_key' }));
    expect(() => createSigner('hmac-sha256', [OFFICIAL.secret, 'whsec_'])).toThrow(
      expect.objectContaining({ code: 'invalid_signing_key' }),
    );
    expect(() => createSigner('ed25519', [OFFICIAL.secret])).toThrow(
      expect.objectContaining({ code: 'invalid_signing_key' }),
    );
  });
});

describe('compatibility with the standardwebhooks receiver library', () => {
  const send = (keys: string[], payload: string | Buffer = body) => {
    const msgId = 'del_2xK9mQ4vT7bL1nR8';
    const timestamp = now();
    const signature = createSigner('hmac-sha256', keys)(msgId, timestamp, payload);
    return webhookHeaders({ msgId, timestamp, signature });
  };

  it('verifies a delivery signed with the current secret', () => {
    const secret = generateSigningSecret();
    expect(new Webhook(secret).verify(body, { ...send([secret]) })).toEqual(JSON.parse(body));
  });

  it('verifies during rotation when the receiver still holds the old secret, listed second', () => {
    const [current, old] = [generateSigningSecret(), generateSigningSecret()];
    const headers = send([current, old]);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(new Webhook(old).verify(body, { ...headers })).toEqual(JSON.parse(body));
    expect(new Webhook(current).verify(body, { ...headers })).toEqual(JSON.parse(body));
  });

  it('verifies a body signed as bytes', () => {
    const secret = generateSigningSecret();
    const bytes = Buffer.from(body);
    expect(new Webhook(secret).verify(bytes, { ...send([secret], bytes) })).toEqual(JSON.parse(body));
  });

  it('rejects a tampered body and a secret that did not sign', () => {
    const secret = generateSigningSecret();
    const headers = { ...send([secret]) };
    expect(() => new Webhook(secret).verify(body.replace('café', 'cafe'), headers)).toThrow('No matching signature');
    expect(() => new Webhook(generateSigningSecret()).verify(body, headers)).toThrow('No matching signature');
  });
});
