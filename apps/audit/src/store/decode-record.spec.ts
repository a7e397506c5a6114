import { eventsV1 } from '@hookline/proto';
import { decodeAuditRecord } from './decode-record';

const record = (fields: Partial<eventsV1.AuditRecord>): Buffer =>
  Buffer.from(eventsV1.AuditRecord.encode(eventsV1.AuditRecord.fromPartial({ id: 'aud_1', orgId: 'org_1', action: 'webhook.create', ...fields })).finish());

// A Kafka record is text from another process: a NUL, which PostgreSQL would refuse, is escaped,
// so no readable record is dropped; bytes that are not UTF-8 (CESU-encoded surrogates) decode to
// U+FFFD, which is storable as it is.
describe('decodeAuditRecord', () => {
  it('escapes a NUL in any text field', () => {
    expect(decodeAuditRecord(record({ userAgent: 'curl\u0000/8', action: '\u0000' }), new Date())?.entry).toMatchObject({ userAgent: 'curl\\u0000/8', action: '\\u0000' });
  });

  it('stores bytes that are not UTF-8 as U+FFFD, never as a lone surrogate', () => {
    const bytes = record({ userAgent: 'agentXXX' });
    bytes.set([0xed, 0xa0, 0x80], bytes.indexOf('XXX'));
    expect(decodeAuditRecord(bytes, new Date())?.entry.userAgent).toBe('agent\ufffd\ufffd\ufffd');
  });

  it('keeps other scripts and emoji as they are', () => {
    expect(decodeAuditRecord(record({ userAgent: '日本語 😀 \uffff' }), new Date())?.entry.userAgent).toBe('日本語 😀 \uffff');
  });
});
