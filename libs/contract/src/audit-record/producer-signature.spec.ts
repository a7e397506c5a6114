import { foreignTls, testTls } from '@hookline/testing';
import { chainedJson, chainHash, GENESIS_HASH } from './chain-hash';
import { verifyExport } from './export-verification';
import { canonicalize } from './canonical-json';
import { certificateSha256, evidenceOf, parseCertificates, producerKey, ProducerVerifier, signAuditRecord, type ProducerKey } from './producer-signature';
import { signedContent, storedForm, type AuditRecordContent } from './record-content';

const keyOf = (identity: { cert: Buffer; key: Buffer }): ProducerKey => producerKey(identity.cert, identity.key);
const gateway = keyOf(testTls('gateway'));
const registry = keyOf(testTls('registry'));
const cas = parseCertificates(testTls('audit').ca);

const record = (overrides: Partial<AuditRecordContent> = {}): AuditRecordContent => ({
  id: 'aud_1',
  orgId: 'org_1',
  kind: 'access',
  actorKind: 'api_key',
  actorKeyId: 'key_1',
  actorOwner: 'alice',
  actorRole: 'admin',
  action: 'webhook.list',
  resourceType: 'webhook',
  resourceId: '',
  requestId: 'req_1',
  ip: '203.0.113.7',
  userAgent: 'curl/8',
  httpStatus: 200,
  outcome: 'success',
  latencyMs: 0,
  time: '2026-12-07T21:00:00.000Z',
  beforeJson: '',
  afterJson: '',
  source: 'gateway',
  ...overrides,
});

const verifyAsReceived = (verifier: ProducerVerifier, sent: AuditRecordContent & { signature: Buffer; signerCertificate: Buffer }, at?: Date) =>
  verifier.verify(evidenceOf(sent, sent.signature, sent.signerCertificate), at);

describe('signed content of an audit record', () => {
  it('is canonical JSON under proto names with empty strings and zeros left out', () => {
    expect(signedContent(record({ ip: '', httpStatus: 0 }))).toBe(
      '{"action":"webhook.list","actor_key_id":"key_1","actor_kind":"api_key","actor_owner":"alice","actor_role":"admin","id":"aud_1","kind":"access","org_id":"org_1","outcome":"success","request_id":"req_1","resource_type":"webhook","source":"gateway","time":"2026-12-07T21:00:00.000Z","user_agent":"curl/8"}',
    );
  });

  it('the stored form escapes NUL and lone surrogates and normalises the time; applying it again changes nothing', () => {
    const stored = storedForm(record({ userAgent: 'a\u0000b\ud800', time: '2026-12-07T22:00:00+01:00' }), new Date(0));
    expect(stored).toMatchObject({ userAgent: 'a\\u0000b\\ud800', time: '2026-12-07T21:00:00.000Z' });
    expect(storedForm(stored, new Date(0))).toEqual(stored);
    expect(storedForm(record({ time: 'yesterday' }), new Date(5)).time).toBe('1970-01-01T00:00:00.005Z');
  });
});

describe('producer signatures', () => {
  const verifier = new ProducerVerifier(cas);

  it('a record signed by the gateway verifies as produced by the gateway', () => {
    const verdict = verifyAsReceived(verifier, signAuditRecord(record(), gateway), new Date());
    expect(verdict).toMatchObject({ ok: true, producer: 'gateway' });
  });

  it('a record signed by the registry for a state change verifies as the registry', () => {
    expect(verifyAsReceived(verifier, signAuditRecord(record({ kind: 'change', source: 'registry' }), registry))).toMatchObject({ ok: true, producer: 'registry' });
  });

  it('any field altered after signing is refused as signature_invalid', () => {
    const sent = signAuditRecord(record(), gateway);
    for (const altered of [{ actorOwner: 'mallory' }, { orgId: 'org_2' }, { httpStatus: 500 }, { time: '2026-12-07T21:00:00.001Z' }, { afterJson: '{}' }]) {
      expect(verifyAsReceived(verifier, { ...sent, ...altered })).toMatchObject({ ok: false, reason: 'signature_invalid' });
    }
  });

  it('an unsigned record is refused', () => {
    expect(verifier.verify(evidenceOf(record(), Buffer.alloc(0), Buffer.alloc(0)))).toMatchObject({ ok: false, reason: 'unsigned' });
  });

  it('a service may only sign the kinds it emits: the gateway cannot sign a state change, nor anyone a gap entry', () => {
    expect(verifyAsReceived(verifier, signAuditRecord(record({ kind: 'change' }), gateway))).toMatchObject({ ok: false, reason: 'producer_not_allowed' });
    expect(verifyAsReceived(verifier, signAuditRecord(record({ kind: 'access' }), registry))).toMatchObject({ ok: false, reason: 'producer_not_allowed' });
    expect(verifyAsReceived(verifier, signAuditRecord(record({ kind: 'gap' }), registry))).toMatchObject({ ok: false, reason: 'producer_not_allowed' });
    const ingestion = keyOf(testTls('ingestion'));
    expect(verifyAsReceived(verifier, signAuditRecord(record(), ingestion))).toMatchObject({ ok: false, reason: 'producer_not_allowed' });
  });

  it('a certificate naming the gateway but issued by another CA is refused', () => {
    const impostor = keyOf(foreignTls('gateway'));
    expect(verifyAsReceived(verifier, signAuditRecord(record(), impostor))).toMatchObject({ ok: false, reason: 'certificate_not_from_ca' });
  });

  it("another service's signature under the gateway's certificate is refused", () => {
    const sent = signAuditRecord(record(), registry);
    expect(verifyAsReceived(verifier, { ...sent, signerCertificate: gateway.certificate.raw })).toMatchObject({ ok: false, reason: 'signature_invalid' });
  });

  it('garbage in place of a certificate is refused, and on arrival the certificate must be valid now', () => {
    const sent = signAuditRecord(record(), gateway);
    expect(verifyAsReceived(verifier, { ...sent, signerCertificate: Buffer.from('not a certificate') })).toMatchObject({ ok: false, reason: 'certificate_invalid' });
    expect(verifyAsReceived(verifier, sent, new Date('2001-01-01T00:00:00Z'))).toMatchObject({ ok: false, reason: 'certificate_not_valid_now' });
  });
});

describe('offline verification of an export', () => {
  /** Export lines as GET /v1/audit-logs/export writes them, each signed by `key`. */
  function exportOf(records: AuditRecordContent[], key?: ProducerKey): string[] {
    let prev = GENESIS_HASH;
    return records.map((content, i) => {
      const sent = key ? signAuditRecord(content, key) : undefined;
      const signer = sent && key ? { signature: sent.signature.toString('base64'), signer: key.identity, signerCertificateSha256: certificateSha256(key.certificate) } : undefined;
      const canonical = chainedJson(content, i + 1, signer);
      const hash = chainHash(prev, canonical);
      const line = JSON.stringify({ ...JSON.parse(canonical), hash, prev_hash: prev, ...(key ? { signer_certificate: key.certificate.toString() } : {}) });
      prev = hash;
      return line;
    });
  }
  const records = [record({ id: 'aud_1' }), record({ id: 'aud_2' }), record({ id: 'aud_3' })];

  it('a signed, unbroken export verifies and counts records per producer', () => {
    expect(verifyExport(exportOf(records, gateway), { cas })).toEqual({ valid: true, records: 3, firstSequence: 1, lastSequence: 3, producers: { gateway: 3 }, unsignedRecords: 0 });
  });

  it('an edited line breaks at its hash; a line edited and re-hashed breaks at its producer signature', () => {
    const lines = exportOf(records, gateway);
    const edited = [...lines];
    edited[1] = edited[1].replace('"actor_owner":"alice"', '"actor_owner":"mallory"');
    expect(verifyExport(edited, { cas }).broken).toMatchObject({ line: 2, sequence: 2, reason: 'hash_mismatch' });
    // An attacker recomputing every hash after the edit still cannot re-sign the record.
    const forged = JSON.parse(edited[1]);
    const { hash: _hash, prev_hash: prevHash, signer_certificate: _certificate, ...hashed } = forged;
    const rehashed = [lines[0], JSON.stringify({ ...forged, hash: chainHash(prevHash, canonicalize(hashed)) })];
    expect(verifyExport(rehashed, { cas }).broken).toMatchObject({ line: 2, reason: 'producer_invalid' });
  });

  it('unsigned records fail unless they come before the chain signed_from sequence', () => {
    const unsigned = exportOf(records);
    expect(verifyExport(unsigned, { cas }).broken).toMatchObject({ line: 1, reason: 'producer_unsigned' });
    expect(verifyExport(unsigned, { cas, unsignedThrough: 3 })).toMatchObject({ valid: true, unsignedRecords: 3, producers: {} });
  });

  it('a record signed with a certificate from another CA fails', () => {
    expect(verifyExport(exportOf(records, keyOf(foreignTls('gateway'))), { cas }).broken).toMatchObject({ line: 1, reason: 'producer_invalid' });
  });
});
