import { z } from '@hookline/config';
import type { auditV1 } from '@hookline/proto';
import { httpStatusCode, int32, int64 } from '../http/integers';

function parseSnapshot(json: string): unknown {
  if (!json) return null;
  try {
    return JSON.parse(json);
  } catch {
    return json;
  }
}

/** The public `audit_log` object. */
export function auditLogJson(stored: auditV1.StoredAuditRecord) {
  const r = stored.record!;
  return {
    id: r.id,
    object: 'audit_log' as const,
    sequence: stored.sequence,
    kind: r.kind,
    actor: { kind: r.actorKind, key_id: r.actorKeyId || null, owner: r.actorOwner || null, role: r.actorRole || null },
    action: r.action,
    resource_type: r.resourceType || null,
    resource_id: r.resourceId || null,
    request_id: r.requestId || null,
    ip: r.ip || null,
    user_agent: r.userAgent || null,
    http_status: r.httpStatus || null,
    outcome: r.outcome || null,
    latency_ms: r.kind === 'access' ? r.latencyMs : null,
    before: parseSnapshot(r.beforeJson),
    after: parseSnapshot(r.afterJson),
    source: r.source || null,
    created_at: r.time,
    hash: stored.hash,
    prev_hash: stored.prevHash,
    producer: stored.producer || null,
  };
}

/**
 * One NDJSON export line: exactly the canonical JSON the chain hashed (with the producer's
 * `signature`, `signer` and `signer_certificate_sha256`), plus `hash`, `prev_hash` and the
 * signer's certificate (`signer_certificate`, PEM), so
 * `hash = SHA-256(prev_hash || canonical(line without hash, prev_hash, signer_certificate))` and
 * the producer's signature can be checked offline (tools/audit/verify-export.ts).
 */
export function exportLine(stored: auditV1.StoredAuditRecord): string {
  const certificate = stored.signerCertificatePem ? { signer_certificate: stored.signerCertificatePem } : {};
  return `${JSON.stringify({ ...JSON.parse(stored.canonicalJson), hash: stored.hash, prev_hash: stored.prevHash, ...certificate })}\n`;
}

export const auditLogSchema = z.object({
  id: z.string().describe('`aud_…`'),
  object: z.literal('audit_log'),
  sequence: int64(1).describe("Position in the organization's hash chain (1, 2, …)."),
  kind: z.enum(['access', 'change']),
  actor: z.object({ kind: z.string(), key_id: z.string().nullable(), owner: z.string().nullable(), role: z.string().nullable() }),
  action: z.string().describe('e.g. `webhook.create`'),
  resource_type: z.string().nullable(),
  resource_id: z.string().nullable(),
  request_id: z.string().nullable(),
  ip: z.string().nullable(),
  user_agent: z.string().nullable(),
  http_status: httpStatusCode().nullable(),
  outcome: z.string().nullable().describe('success, failure, denied, rate_limited'),
  latency_ms: int32().nullable(),
  before: z.unknown().describe('Redacted snapshot before a change (null for access records).'),
  after: z.unknown().describe('Redacted snapshot after a change (null for access records).'),
  source: z.string().nullable(),
  created_at: z.string(),
  hash: z.string(),
  prev_hash: z.string(),
  producer: z
    .string()
    .nullable()
    .describe('The service whose certificate signed the record, verified on arrival (`gateway`, `registry`, `audit`); null for a record stored before records were signed.'),
}).meta({ id: 'AuditRecord' });

export const verifySchema = z.object({
  valid: z.boolean(),
  records: int64(),
  head: z.string().nullable(),
  head_sequence: int64(),
  checkpoint_sequence: int64().nullable(),
  broken: z
    .object({ sequence: int64(1), id: z.string().nullable(), reason: z.string(), message: z.string(), expected_sequence: int64(1) })
    .optional(),
  producers: z
    .array(z.object({ producer: z.string(), records: int64() }))
    .describe("Verified records per producing service: each record's signature, certificate (issued by the deployment CA) and right to emit its kind checked again."),
  unsigned_records: int64().describe('Verified records stored before records were signed.'),
  signed_from_sequence: int64(1).describe('The first sequence of the chain that must carry a producer signature.'),
}).meta({ id: 'AuditChainVerification' });

export function verifyJson(v: auditV1.VerifyChainResponse) {
  return {
    valid: v.valid,
    records: v.records,
    head: v.head || null,
    head_sequence: v.headSequence,
    checkpoint_sequence: v.checkpointSequence || null,
    ...(v.broken
      ? { broken: { sequence: v.broken.sequence, id: v.broken.id || null, reason: v.broken.reason, message: v.broken.message, expected_sequence: v.broken.expectedSequence } }
      : {}),
    producers: v.producers.map((p) => ({ producer: p.producer, records: p.records })),
    unsigned_records: v.unsignedRecords,
    signed_from_sequence: v.signedFromSequence || 1,
  };
}
