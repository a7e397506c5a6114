import { createHash } from 'node:crypto';
import { certificateSha256, signAuditRecord, type ProducerKey, type ProducerVerifier } from '@hookline/contract';
import { DeadLetters, type DeadLetterRecord, type DeadLetterSink } from '@hookline/kafka';
import type { Pool } from 'pg';
import { withTransaction } from '@hookline/db';
import type { AuditEntry } from '../chain/audit-entry';
import { appendRecords } from './append-records';
import { decodeAuditRecord, escapeUnstorable } from './decode-record';
import { checkProducer } from './producer-check';

/** The kind of a chain entry standing for a record that could not be read (see verify). */
export const GAP_KIND = 'gap';

/**
 * An audit record that cannot be stored goes to the dead-letter table, and its org's chain gets
 * a gap entry in its place (the message key is the org id): `verify` then names the gap instead
 * of reporting a clean chain. The gap's id derives from the record's place in the topic, so a
 * retry after a failure between the two writes adds no second gap. The gap is signed by the
 * audit service, which alone may write gaps. A record refused for its producer signature
 * leaves no gap: it is not a missing genuine record, and a forger must not be able to break an
 * org's chain by sending one.
 */
export class AuditDeadLetters implements DeadLetterSink {
  private readonly table: DeadLetters;

  constructor(
    private readonly pool: Pool,
    private readonly verifier: ProducerVerifier,
    private readonly signer: ProducerKey,
  ) {
    this.table = new DeadLetters(pool);
  }

  async store(record: DeadLetterRecord): Promise<boolean> {
    const stored = await this.table.store(record);
    const orgId = escapeUnstorable(record.message.key?.toString('utf8') ?? '');
    if (!orgId || this.producerRefused(record)) return stored;
    const place = `${record.topic}/${record.partition}/${record.message.offset}`;
    const { signature, signerCertificate: _certificate, ...gap } = signAuditRecord(
      {
        id: `aud_gap_${createHash('sha256').update(place).digest('hex').slice(0, 32)}`,
        orgId,
        kind: GAP_KIND,
        actorKind: 'system',
        actorKeyId: '',
        actorOwner: 'audit',
        actorRole: '',
        action: 'audit.record_unreadable',
        resourceType: 'audit_record',
        resourceId: place,
        requestId: '',
        ip: '',
        userAgent: '',
        httpStatus: 0,
        outcome: 'dead_lettered',
        latencyMs: 0,
        time: new Date().toISOString(),
        beforeJson: '',
        afterJson: JSON.stringify({ error: record.error.slice(0, 500) }),
        source: 'audit',
      },
      this.signer,
    );
    const entry: AuditEntry = {
      ...gap,
      signature: signature.toString('base64'),
      signer: this.signer.identity,
      signerCertificateSha256: certificateSha256(this.signer.certificate),
      signerCertificatePem: this.signer.certificate.toString(),
    };
    await withTransaction(this.pool, (client) => appendRecords(client, [entry]));
    return stored;
  }

  /** Whether the record is readable but its producer is not proven (see checkProducer). */
  private producerRefused(record: DeadLetterRecord): boolean {
    const received = decodeAuditRecord(record.message.value, new Date());
    return received !== null && checkProducer(this.verifier, received, new Date()) instanceof Error;
  }
}
