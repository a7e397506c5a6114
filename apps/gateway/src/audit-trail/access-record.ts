import { newId } from '@hookline/ids';
import type { eventsV1 } from '@hookline/proto';
import type { Actor } from '../auth/actor';
import { escapeHostileCharacters } from '../http/hostile-text';

/** What the route layer leaves in `res.locals.route` (see http/README.md). */
export interface RouteLabel {
  action: string;
  resourceType: string;
  path: string;
}

export interface CompletedCall {
  /** The request path as received (before any router rewrote req.url). */
  path: string;
  method: string;
  route?: RouteLabel;
  actor?: Actor;
  requestId: string;
  ip: string;
  userAgent: string;
  status: number;
  startedAt: Date;
  latencyMs: number;
}

export type AccessOutcome = 'success' | 'failure' | 'denied' | 'rate_limited';

export function outcomeOf(status: number): AccessOutcome {
  if (status === 429) return 'rate_limited';
  if (status === 401 || status === 403) return 'denied';
  return status < 400 ? 'success' : 'failure';
}

/** The value of the route's `:id` segment in the actual path (`/v1/webhooks/:id/test` → `wh_…`). */
export function routeParam(pattern: string, path: string, name = 'id'): string {
  const patternSegments = pattern.split('/');
  const pathSegments = path.split('/');
  const index = patternSegments.indexOf(`:${name}`);
  if (index < 0 || patternSegments.length !== pathSegments.length) return '';
  try {
    return decodeURIComponent(pathSegments[index]);
  } catch {
    return pathSegments[index];
  }
}

/**
 * The access record of one API call. Calls that matched no route are recorded as `route.unknown`;
 * an unauthenticated caller is `anonymous`. Operator calls on an org's path are filed under it.
 */
export function accessRecordFor(call: CompletedCall): eventsV1.AuditRecord {
  return escapeStrings(buildRecord(call));
}

/**
 * A refused request is recorded too, with what it sent: a NUL or a lone surrogate (e.g. from a
 * `%00` in the path) is written as a visible `\u0000` escape, since no store downstream accepts it.
 */
function escapeStrings(record: eventsV1.AuditRecord): eventsV1.AuditRecord {
  const escaped: Record<string, unknown> = { ...record };
  for (const [field, value] of Object.entries(escaped)) if (typeof value === 'string') escaped[field] = escapeHostileCharacters(value);
  return escaped as unknown as eventsV1.AuditRecord;
}

function buildRecord(call: CompletedCall): eventsV1.AuditRecord {
  const actor = call.actor;
  const resourceId = call.route ? routeParam(call.route.path, call.path) : '';
  const orgId = actor?.orgId || (call.route?.resourceType === 'organization' ? resourceId : '');
  return {
    id: newId('aud'),
    orgId,
    kind: 'access',
    actorKind: actor?.kind ?? 'anonymous',
    actorKeyId: actor?.keyId ?? '',
    actorOwner: actor?.owner ?? '',
    actorRole: actor?.role ?? '',
    action: call.route?.action ?? 'route.unknown',
    resourceType: call.route?.resourceType ?? '',
    resourceId,
    requestId: call.requestId,
    ip: call.ip,
    userAgent: call.userAgent.slice(0, 512),
    httpStatus: call.status,
    outcome: outcomeOf(call.status),
    latencyMs: Math.max(0, Math.round(call.latencyMs)),
    time: call.startedAt.toISOString(),
    beforeJson: '',
    afterJson: '',
    source: 'gateway',
    // Signed as it is sent (audit-trail-sender.ts).
    signature: Buffer.alloc(0),
    signerCertificate: Buffer.alloc(0),
  };
}
