import { eventsV1 } from '@hookline/proto';
import { newId } from '@hookline/ids';
import type { RequestMeta } from '../common/scope';
import type { Queryable } from '../db/queryable';

export interface WebhookChangeEntry {
  webhookId: string;
  orgId: string;
  change: string;
  status: string;
  eventTypes: string[];
  /** The payload filter as JSON; '' = none. */
  filterJson: string;
  version: number;
  changedAt: Date;
}

/** Queues a change-feed message in the caller's transaction (no secret material by construction). */
export async function enqueueWebhookChange(db: Queryable, entry: WebhookChangeEntry): Promise<void> {
  const payload = eventsV1.WebhookChange.encode({
    webhookId: entry.webhookId,
    orgId: entry.orgId,
    change: entry.change,
    status: entry.status,
    eventTypes: entry.eventTypes,
    filterJson: entry.filterJson,
    version: entry.version,
    changedAt: entry.changedAt.toISOString(),
  }).finish();
  await insertOutboxRow(db, 'webhook_change', entry.webhookId, Buffer.from(payload));
}

export interface CredentialChangeEntry {
  credentialId: string;
  orgId: string;
  kind: 'api_key' | 'portal_session';
  change: 'revoked' | 'expired' | 'activated' | 'withdrawn' | 'changed';
  changedAt: Date;
}

/**
 * Queues a credential-feed message in the caller's transaction: the gateway's cache of keys and
 * portal sessions drops (or refuses) the credential within a second of the commit. No key, token
 * or hash travels: the credential's id names it.
 */
export async function enqueueCredentialChange(db: Queryable, entry: CredentialChangeEntry): Promise<void> {
  const payload = eventsV1.CredentialChange.encode({
    credentialId: entry.credentialId,
    orgId: entry.orgId,
    kind: entry.kind,
    change: entry.change,
    changedAt: entry.changedAt.toISOString(),
  }).finish();
  await insertOutboxRow(db, 'credential_change', entry.credentialId, Buffer.from(payload));
}

export interface AuditEntry {
  meta: RequestMeta;
  orgId: string;
  /** e.g. `webhook.create`, `api_key.revoke`, `approval.approve`. */
  action: string;
  resourceType: string;
  resourceId: string;
  /** Already-redacted snapshots (see redact.ts); undefined when not applicable. */
  before?: unknown;
  after?: unknown;
  at: Date;
}

/** Queues an audit record of a state change in the caller's transaction. */
export async function enqueueAudit(db: Queryable, entry: AuditEntry): Promise<string> {
  const id = newId('aud');
  const { actor } = entry.meta;
  const payload = eventsV1.AuditRecord.encode({
    id,
    orgId: entry.orgId,
    kind: 'change',
    actorKind: actor.kind,
    actorKeyId: actor.keyId,
    actorOwner: actor.owner,
    actorRole: actor.role,
    action: entry.action,
    resourceType: entry.resourceType,
    resourceId: entry.resourceId,
    requestId: entry.meta.requestId,
    ip: entry.meta.ip,
    userAgent: entry.meta.userAgent,
    httpStatus: 0,
    outcome: 'success',
    latencyMs: 0,
    time: entry.at.toISOString(),
    beforeJson: entry.before === undefined ? '' : JSON.stringify(entry.before),
    afterJson: entry.after === undefined ? '' : JSON.stringify(entry.after),
    source: 'registry',
    // Signed by the relay as it is published (relay.ts).
    signature: Buffer.alloc(0),
    signerCertificate: Buffer.alloc(0),
  }).finish();
  await insertOutboxRow(db, 'audit', entry.orgId, Buffer.from(payload));
  return id;
}

/** Which Kafka topic an outbox row goes to. */
export type OutboxTopic = 'webhook_change' | 'credential_change' | 'audit';

/** The channel a schema's relay listens on: notified when a transaction that wrote outbox rows commits. */
export function outboxChannel(schema: string): string {
  return `${schema}.outbox`;
}

/** Inserts one row and notifies the relay; PostgreSQL delivers the notification only on commit. */
async function insertOutboxRow(db: Queryable, topic: OutboxTopic, key: string, payload: Buffer): Promise<void> {
  await db.query(
    `with row as (insert into outbox (topic, message_key, payload) values ($1, $2, $3) returning 1)
     select pg_notify(current_schema() || '.outbox', '') from row`,
    [topic, key, payload],
  );
}
