import { createHash } from 'node:crypto';
import type { AuditEntry, ChainedEntry, ChainHead } from './audit-entry';
import { canonicalize } from './canonical-json';

/** The prev_hash of an org's first record. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The exact JSON a record's hash covers: its fields under their proto (snake_case) names plus its
 * sequence. Empty strings and zeros are left out so that fields added to AuditRecord later do not
 * change the hash of records stored before they existed.
 */
export function canonicalRecord(entry: AuditEntry, sequence: number): string {
  const fields: Record<string, string | number> = {
    id: entry.id,
    org_id: entry.orgId,
    sequence,
    kind: entry.kind,
    actor_kind: entry.actorKind,
    actor_key_id: entry.actorKeyId,
    actor_owner: entry.actorOwner,
    actor_role: entry.actorRole,
    action: entry.action,
    resource_type: entry.resourceType,
    resource_id: entry.resourceId,
    request_id: entry.requestId,
    ip: entry.ip,
    user_agent: entry.userAgent,
    http_status: entry.httpStatus,
    outcome: entry.outcome,
    latency_ms: entry.latencyMs,
    time: entry.time,
    before_json: entry.beforeJson,
    after_json: entry.afterJson,
    source: entry.source,
  };
  for (const [key, value] of Object.entries(fields)) if (value === '' || value === 0) delete fields[key];
  return canonicalize(fields);
}

/** hash = hex(SHA-256(prev_hash || canonical JSON)), prev_hash as its 64 hex characters. */
export function chainHash(prevHash: string, canonicalJson: string): string {
  return createHash('sha256').update(prevHash, 'utf8').update(canonicalJson, 'utf8').digest('hex');
}

/** Appends entries (in order) after `head`: consecutive sequence numbers, each hash covering the last. */
export function appendToChain(head: ChainHead, entries: AuditEntry[]): ChainedEntry[] {
  let { sequence, hash } = head;
  return entries.map((entry) => {
    sequence += 1;
    const prevHash = hash;
    hash = chainHash(prevHash, canonicalRecord(entry, sequence));
    return { ...entry, sequence, prevHash, hash };
  });
}
