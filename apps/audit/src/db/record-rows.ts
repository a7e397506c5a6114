import type { Pool, PoolClient } from 'pg';
import type { ChainedEntry } from '../chain/audit-entry';

type Queryable = Pick<Pool | PoolClient, 'query'>;

/** Columns of audit_record in the order the bulk insert passes them (one array per column). */
export const RECORD_COLUMNS = [
  ['org_id', 'text'],
  ['sequence', 'bigint'],
  ['id', 'text'],
  ['kind', 'text'],
  ['actor_kind', 'text'],
  ['actor_key_id', 'text'],
  ['actor_owner', 'text'],
  ['actor_role', 'text'],
  ['action', 'text'],
  ['resource_type', 'text'],
  ['resource_id', 'text'],
  ['request_id', 'text'],
  ['ip', 'text'],
  ['user_agent', 'text'],
  ['http_status', 'integer'],
  ['outcome', 'text'],
  ['latency_ms', 'integer'],
  ['occurred_at', 'timestamptz'],
  ['before_json', 'text'],
  ['after_json', 'text'],
  ['source', 'text'],
  ['prev_hash', 'text'],
  ['hash', 'text'],
  ['signature', 'text'],
  ['signer', 'text'],
  ['signer_certificate_sha256', 'text'],
] as const;

export function columnValues(entry: ChainedEntry): unknown[] {
  return [
    entry.orgId,
    entry.sequence,
    entry.id,
    entry.kind,
    entry.actorKind,
    entry.actorKeyId,
    entry.actorOwner,
    entry.actorRole,
    entry.action,
    entry.resourceType,
    entry.resourceId,
    entry.requestId,
    entry.ip,
    entry.userAgent,
    entry.httpStatus,
    entry.outcome,
    entry.latencyMs,
    entry.time,
    entry.beforeJson,
    entry.afterJson,
    entry.source,
    entry.prevHash,
    entry.hash,
    entry.signature,
    entry.signer,
    entry.signerCertificateSha256,
  ];
}

/** `insert … select * from unnest($1::text[], $2::bigint[], …)`: one statement for a whole batch. */
export function bulkInsertSql(): string {
  const names = RECORD_COLUMNS.map(([name]) => name).join(', ');
  const arrays = RECORD_COLUMNS.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
  return `insert into audit_record (${names}) select * from unnest(${arrays})`;
}

export function bulkInsertParams(entries: ChainedEntry[]): unknown[][] {
  const columns: unknown[][] = RECORD_COLUMNS.map(() => []);
  for (const entry of entries) columnValues(entry).forEach((value, i) => columns[i].push(value));
  return columns;
}

export const SELECT_RECORD = `select ${RECORD_COLUMNS.map(([name]) => name).join(', ')} from audit_record`;

export interface RecordRow {
  org_id: string;
  sequence: string;
  id: string;
  kind: string;
  actor_kind: string;
  actor_key_id: string;
  actor_owner: string;
  actor_role: string;
  action: string;
  resource_type: string;
  resource_id: string;
  request_id: string;
  ip: string;
  user_agent: string;
  http_status: number;
  outcome: string;
  latency_ms: number;
  occurred_at: Date;
  before_json: string;
  after_json: string;
  source: string;
  prev_hash: string;
  hash: string;
  signature: string;
  signer: string;
  signer_certificate_sha256: string;
}

export function rowToEntry(row: RecordRow): ChainedEntry {
  return {
    orgId: row.org_id,
    sequence: Number(row.sequence),
    id: row.id,
    kind: row.kind,
    actorKind: row.actor_kind,
    actorKeyId: row.actor_key_id,
    actorOwner: row.actor_owner,
    actorRole: row.actor_role,
    action: row.action,
    resourceType: row.resource_type,
    resourceId: row.resource_id,
    requestId: row.request_id,
    ip: row.ip,
    userAgent: row.user_agent,
    httpStatus: row.http_status,
    outcome: row.outcome,
    latencyMs: row.latency_ms,
    time: row.occurred_at.toISOString(),
    beforeJson: row.before_json,
    afterJson: row.after_json,
    source: row.source,
    prevHash: row.prev_hash,
    hash: row.hash,
    signature: row.signature,
    signer: row.signer,
    signerCertificateSha256: row.signer_certificate_sha256,
  };
}

/** The PEM of each certificate named (by DER hash), for exports and verification. */
export async function signerCertificates(db: Queryable, sha256s: Iterable<string>): Promise<Map<string, string>> {
  const wanted = [...new Set(sha256s)].filter(Boolean);
  if (wanted.length === 0) return new Map();
  const { rows } = await db.query<{ sha256: string; pem: string }>('select sha256, pem from signer_certificate where sha256 = any($1)', [wanted]);
  return new Map(rows.map((row) => [row.sha256, row.pem]));
}
