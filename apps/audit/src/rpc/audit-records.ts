import type { auditV1, eventsV1 } from '@hookline/proto';
import { endUserScope } from '@hookline/grpc';
import type { Pool } from 'pg';
import type { VerifyOptions } from '../query/verify-chain';
import type { ChainedEntry } from '../chain/audit-entry';
import { canonicalRecord } from '../chain/record-hash';
import { exportRecords } from '../query/export-records';
import { listRecords } from '../query/list-records';
import { parseTime } from '../query/record-query';
import { verifyChain } from '../query/verify-chain';

export function toStoredRecord(entry: ChainedEntry): auditV1.StoredAuditRecord {
  const record: eventsV1.AuditRecord = {
    id: entry.id,
    orgId: entry.orgId,
    kind: entry.kind,
    actorKind: entry.actorKind,
    actorKeyId: entry.actorKeyId,
    actorOwner: entry.actorOwner,
    actorRole: entry.actorRole,
    action: entry.action,
    resourceType: entry.resourceType,
    resourceId: entry.resourceId,
    requestId: entry.requestId,
    ip: entry.ip,
    userAgent: entry.userAgent,
    httpStatus: entry.httpStatus,
    outcome: entry.outcome,
    latencyMs: entry.latencyMs,
    time: entry.time,
    beforeJson: entry.beforeJson,
    afterJson: entry.afterJson,
    source: entry.source,
    signature: Buffer.from(entry.signature, 'base64'),
    signerCertificate: Buffer.alloc(0),
  };
  return {
    record,
    sequence: entry.sequence,
    hash: entry.hash,
    prevHash: entry.prevHash,
    canonicalJson: canonicalRecord(entry, entry.sequence),
    producer: entry.signer,
    signerCertificatePem: entry.signerCertificatePem ?? '',
  };
}

/** The query RPCs: proto in, domain call, proto out. */
export function auditRecordHandlers(pool: Pool, verification: VerifyOptions) {
  return {
    async listAuditRecords(request: auditV1.ListAuditRecordsRequest): Promise<auditV1.ListAuditRecordsResponse> {
      // Who may read an organization's trail is the policy table's rule (admins and the operator).
      const { orgId } = endUserScope(request);
      const f = request.filter;
      const page = await listRecords(
        pool,
        {
          orgId,
          actor: f?.actor,
          actionPrefix: f?.actionPrefix,
          resourceId: f?.resourceId,
          outcome: f?.outcome,
          kind: f?.kind,
          createdAfter: parseTime(f?.createdAfter ?? '', 'created_after'),
          createdBefore: parseTime(f?.createdBefore ?? '', 'created_before'),
        },
        { limit: request.page?.limit ?? 0, cursor: request.page?.cursor ?? '' },
      );
      return { records: page.records.map(toStoredRecord), page: { nextCursor: page.nextCursor, prevCursor: page.prevCursor } };
    },

    async verifyChain(request: auditV1.VerifyChainRequest): Promise<auditV1.VerifyChainResponse> {
      const { orgId } = endUserScope(request);
      const verdict = await verifyChain(pool, orgId, verification);
      return {
        valid: verdict.valid,
        records: verdict.records,
        head: verdict.head.sequence > 0 ? verdict.head.hash : '',
        headSequence: verdict.head.sequence,
        checkpointSequence: verdict.checkpointSequence,
        broken: verdict.broken,
        producers: Object.entries(verdict.producers)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([producer, records]) => ({ producer, records })),
        unsignedRecords: verdict.unsignedRecords,
        signedFromSequence: verdict.signedFromSequence,
      };
    },

    async exportAuditRecords(request: auditV1.ExportAuditRecordsRequest): Promise<auditV1.ExportAuditRecordsResponse> {
      const { orgId } = endUserScope(request);
      const page = await exportRecords(
        pool,
        {
          orgId,
          createdAfter: parseTime(request.createdAfter, 'created_after'),
          createdBefore: parseTime(request.createdBefore, 'created_before'),
        },
        { limit: request.limit, cursor: request.cursor },
      );
      return { records: page.records.map(toStoredRecord), nextCursor: page.nextCursor };
    },
  };
}

