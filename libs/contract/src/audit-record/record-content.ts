import { escapeHostileCharacters } from '../untrusted-text/untrusted-text';
import { canonicalize } from './canonical-json';

/** What one audit record says (fields 1–20 of the proto AuditRecord), without its signature. */
export interface AuditRecordContent {
  id: string;
  orgId: string;
  kind: string;
  actorKind: string;
  actorKeyId: string;
  actorOwner: string;
  actorRole: string;
  action: string;
  resourceType: string;
  resourceId: string;
  requestId: string;
  ip: string;
  userAgent: string;
  httpStatus: number;
  outcome: string;
  latencyMs: number;
  time: string;
  beforeJson: string;
  afterJson: string;
  source: string;
}

/** Each content field and its proto (snake_case) name, the name canonical JSON uses. */
const CONTENT_FIELDS: readonly (readonly [keyof AuditRecordContent, string])[] = [
  ['id', 'id'],
  ['orgId', 'org_id'],
  ['kind', 'kind'],
  ['actorKind', 'actor_kind'],
  ['actorKeyId', 'actor_key_id'],
  ['actorOwner', 'actor_owner'],
  ['actorRole', 'actor_role'],
  ['action', 'action'],
  ['resourceType', 'resource_type'],
  ['resourceId', 'resource_id'],
  ['requestId', 'request_id'],
  ['ip', 'ip'],
  ['userAgent', 'user_agent'],
  ['httpStatus', 'http_status'],
  ['outcome', 'outcome'],
  ['latencyMs', 'latency_ms'],
  ['time', 'time'],
  ['beforeJson', 'before_json'],
  ['afterJson', 'after_json'],
  ['source', 'source'],
];

/** The proto names of the content fields: what an exported line holds besides chain and signature. */
export const CONTENT_FIELD_NAMES: readonly string[] = CONTENT_FIELDS.map(([, name]) => name);

/**
 * The record's content under proto names. Empty strings and zeros are left out, so fields added
 * later do not change what records written before them hash or sign to.
 */
export function contentFields(record: AuditRecordContent): Record<string, string | number> {
  const fields: Record<string, string | number> = {};
  for (const [field, name] of CONTENT_FIELDS) {
    const value = record[field];
    if (value !== '' && value !== 0 && value !== undefined && value !== null) fields[name] = value;
  }
  return fields;
}

/** The exact text a producer signs: the canonical JSON (RFC 8785 style) of `contentFields`. */
export function signedContent(record: AuditRecordContent): string {
  return canonicalize(contentFields(record));
}

/**
 * A record as the audit service stores it: text with NUL and lone surrogates written as visible
 * escapes (PostgreSQL refuses them), time as RFC 3339 UTC with milliseconds (what timestamptz
 * gives back), or `fallback` when it is missing or unreadable. Producers sign this form, so the
 * stored record is the signed one. Applying it twice changes nothing.
 */
export function storedForm<T extends AuditRecordContent>(record: T, fallback: Date): T {
  const result = { ...record } as Record<string, unknown>;
  for (const [field] of CONTENT_FIELDS) {
    const value = result[field];
    if (typeof value === 'string') result[field] = escapeHostileCharacters(value);
  }
  const parsed = record.time ? new Date(record.time) : fallback;
  result.time = (Number.isNaN(parsed.getTime()) ? fallback : parsed).toISOString();
  return result as T;
}
