import { spawnSync } from 'node:child_process';
import { createPublicKey, verify } from 'node:crypto';
import { generateKeyPair, signatureHeader } from '@hookline/signing';
import { NODE_ECDSA_SNIPPET, PYTHON_ECDSA_SNIPPET } from './signature-verification';

// The verification snippets /openapi.json documents, run against signatures made by the same
// code the dispatcher signs with: a receiver copying them gets a working check.

const current = generateKeyPair('ecdsa-p256');
const previous = generateKeyPair('ecdsa-p256');
const msgId = 'del_2x9HgQ6b1kF3nPq';
const timestamp = '1767277802';
const body = '{"id":"evt_1","object":"event","type":"transfer.completed","data":{"amount":1250,"currency":"EUR"}}';
// While a key is being rotated the header carries one token per key.
const header = signatureHeader({ scheme: 'ecdsa-p256', keys: [previous.privateKey, current.privateKey], msgId, timestamp: Number(timestamp), body });

const nodeVerify = new Function('createPublicKey', 'verify', `${NODE_ECDSA_SNIPPET.replace(/^import .*$/m, '')}\nreturn verifyEcdsa;`)(createPublicKey, verify) as (input: {
  msgId: string;
  timestamp: string;
  body: Buffer;
  signatureHeader: string;
  publicKeyPem: string;
}) => boolean;

function pythonVerify(input: { body: string; signatureHeader: string; publicKeyPem: string }): boolean {
  const program = `${PYTHON_ECDSA_SNIPPET}\n\nimport json, sys\nargs = json.load(sys.stdin)\nprint("valid" if verify_ecdsa(args["msg_id"], args["timestamp"], args["body"].encode(), args["header"], args["pem"]) else "invalid")\n`;
  const run = spawnSync('python3', ['-c', program], { input: JSON.stringify({ msg_id: msgId, timestamp, body: input.body, header: input.signatureHeader, pem: input.publicKeyPem }), encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`python3 failed: ${run.stderr}`);
  return run.stdout.trim() === 'valid';
}

describe('documented ECDSA (v1e) verification', () => {
  it('every token is `v1e,` + base64 of 64 bytes (IEEE P1363 r || s, not DER)', () => {
    for (const token of header.split(' ')) {
      const [version, signature] = token.split(',');
      expect(version).toBe('v1e');
      expect(Buffer.from(signature, 'base64')).toHaveLength(64);
    }
  });

  it('the Node.js snippet accepts a real signature, for either key of a rotation, and refuses a changed body', () => {
    for (const key of [current, previous]) {
      expect(nodeVerify({ msgId, timestamp, body: Buffer.from(body), signatureHeader: header, publicKeyPem: key.publicKey })).toBe(true);
    }
    expect(nodeVerify({ msgId, timestamp, body: Buffer.from(body.replace('1250', '9250')), signatureHeader: header, publicKeyPem: current.publicKey })).toBe(false);
    expect(nodeVerify({ msgId, timestamp, body: Buffer.from(body), signatureHeader: header, publicKeyPem: generateKeyPair('ecdsa-p256').publicKey })).toBe(false);
  });

  it('the Python snippet accepts a real signature and refuses a changed body', () => {
    expect(pythonVerify({ body, signatureHeader: header, publicKeyPem: current.publicKey })).toBe(true);
    expect(pythonVerify({ body: body.replace('1250', '9250'), signatureHeader: header, publicKeyPem: current.publicKey })).toBe(false);
  });
});
