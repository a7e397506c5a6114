import { timingSafeEqual } from 'node:crypto';
import { AuthenticationError, InputError, NotFoundError, PermissionError } from '@hookline/errors';
import { newId } from '@hookline/ids';
import { ROLES, type Role } from '@hookline/contract';
import type { RegistryDeps } from '../common/deps';
import type { RequestMeta } from '../common/scope';
import { enqueueAudit } from '../outbox/outbox';
import { generatePortalToken, hashPortalToken, isWellFormedPortalToken } from './portal-token';
import { inTransaction } from '../db/unit-of-work';

/** Screens a portal session may show; an empty list shows all of them. */
export const PORTAL_FEATURES = ['webhooks', 'deliveries', 'events', 'approvals', 'settings', 'api_keys', 'audit_log'] as const;
export const DEFAULT_TTL_SECONDS = 3600;
export const MAX_TTL_SECONDS = 86_400;

export interface PortalBranding {
  product_name?: string;
  logo_url?: string;
  accent_color?: string;
}

export interface PortalSessionRow {
  id: string;
  org_id: string;
  role: Role;
  features: string[];
  branding: PortalBranding;
  owner: string;
  created_by: string;
  created_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  first_used_at: Date | null;
}

export interface PortalSessionInput {
  orgId: string;
  role: string;
  features: string[];
  branding: PortalBranding;
  ttlSeconds: number;
  owner: string;
}

const COLUMNS = 'id, org_id, role, features, branding, owner, created_by, created_at, expires_at, revoked_at, first_used_at';

function auditView(row: PortalSessionRow) {
  return { id: row.id, role: row.role, features: row.features, owner: row.owner, expires_at: row.expires_at.toISOString(), revoked_at: row.revoked_at?.toISOString() ?? null };
}

function validate(input: PortalSessionInput): Omit<PortalSessionInput, 'orgId'> & { role: Role } {
  const role = (input.role || 'viewer') as Role;
  if (!ROLES.includes(role)) throw new InputError('role must be admin, developer or viewer', { code: 'role_invalid', param: 'role' });
  for (const [i, feature] of input.features.entries()) {
    if (!(PORTAL_FEATURES as readonly string[]).includes(feature)) {
      throw new InputError(`features[${i}] must be one of ${PORTAL_FEATURES.join(', ')}`, { code: 'feature_invalid', param: `features[${i}]` });
    }
  }
  const ttlSeconds = input.ttlSeconds || DEFAULT_TTL_SECONDS;
  if (ttlSeconds < 60 || ttlSeconds > MAX_TTL_SECONDS) {
    throw new InputError(`ttl_seconds must be 60 to ${MAX_TTL_SECONDS} (24 hours)`, { code: 'ttl_invalid', param: 'ttl_seconds' });
  }
  const { product_name, logo_url, accent_color } = input.branding;
  if (product_name && product_name.length > 60) throw new InputError('branding.product_name must be at most 60 characters', { code: 'branding_invalid', param: 'branding.product_name' });
  if (logo_url && !/^(https:\/\/[^\s"'<>]{1,2040}|data:image\/(png|svg\+xml|jpeg|webp);base64,[A-Za-z0-9+/=]{1,100000})$/.test(logo_url)) {
    throw new InputError('branding.logo_url must be an https URL or a base64 data:image URL', { code: 'branding_invalid', param: 'branding.logo_url' });
  }
  if (accent_color && !/^#[0-9a-fA-F]{6}$/.test(accent_color)) throw new InputError('branding.accent_color must be #rrggbb', { code: 'branding_invalid', param: 'branding.accent_color' });
  const owner = input.owner.trim();
  if (owner.length > 200) throw new InputError('owner must be at most 200 characters', { code: 'owner_invalid', param: 'owner' });
  return { role, features: [...new Set(input.features)], branding: { product_name, logo_url, accent_color }, ttlSeconds, owner };
}

/**
 * Issues a portal session. A portal session cannot issue another one, and its owner defaults to
 * the issuing key's owner, so a session never lets one person approve their own request.
 */
export async function createPortalSession(deps: RegistryDeps, meta: RequestMeta, input: PortalSessionInput): Promise<{ session: PortalSessionRow; token: string }> {
  if (meta.actor.keyId.startsWith('ps_')) throw new PermissionError('a portal session cannot issue portal sessions', { code: 'portal_session_forbidden' });
  const valid = validate(input);
  const now = deps.clock();
  const id = newId('ps');
  const owner = valid.owner || (meta.actor.kind === 'api_key' ? meta.actor.owner : `portal:${id}`);
  const token = generatePortalToken();
  return inTransaction(deps, async (tx) => {
    const org = await tx.query('select 1 from organization where id = $1', [input.orgId]);
    if (org.rowCount === 0) throw new NotFoundError('organization not found');
    const createdBy = meta.actor.kind === 'api_key' ? meta.actor.keyId : meta.actor.kind;
    const { rows } = await tx.query<PortalSessionRow>(
      `insert into portal_session (id, org_id, role, features, branding, owner, token_hash, created_by, created_at, expires_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning ${COLUMNS}`,
      [id, input.orgId, valid.role, valid.features, JSON.stringify(valid.branding), owner, hashPortalToken(token), createdBy, now, new Date(now.getTime() + valid.ttlSeconds * 1000)],
    );
    await enqueueAudit(tx, { meta, orgId: input.orgId, action: 'portal_session.create', resourceType: 'portal_session', resourceId: id, after: auditView(rows[0]), at: now });
    return { session: rows[0], token };
  });
}

export async function revokePortalSession(deps: RegistryDeps, meta: RequestMeta, orgId: string, id: string): Promise<PortalSessionRow> {
  const now = deps.clock();
  return inTransaction(deps, async (tx) => {
    const before = await tx.query<PortalSessionRow>(`select ${COLUMNS} from portal_session where id = $1 and org_id = $2 for update`, [id, orgId]);
    if (!before.rows[0]) throw new NotFoundError('portal session not found');
    if (before.rows[0].revoked_at) return before.rows[0];
    const { rows } = await tx.query<PortalSessionRow>(`update portal_session set revoked_at = $2 where id = $1 returning ${COLUMNS}`, [id, now]);
    await enqueueAudit(tx, { meta, orgId, action: 'portal_session.revoke', resourceType: 'portal_session', resourceId: id, before: auditView(before.rows[0]), after: auditView(rows[0]), at: now });
    return rows[0];
  });
}

/**
 * Token → session, when valid (not expired, not revoked). Its first use is audited, in the same
 * transaction that marks it used, so the record cannot be lost.
 */
export async function authenticatePortalSession(deps: RegistryDeps, token: string, meta: Omit<RequestMeta, 'actor'>): Promise<PortalSessionRow> {
  const invalid = () => new AuthenticationError('the portal session is not valid', { code: 'portal_session_invalid' });
  if (!isWellFormedPortalToken(token)) throw invalid();
  const hash = hashPortalToken(token);
  const { rows } = await deps.db.pool.query<PortalSessionRow & { token_hash: Buffer }>(`select ${COLUMNS}, token_hash from portal_session where token_hash = $1`, [hash]);
  const row = rows[0];
  if (!row || !timingSafeEqual(row.token_hash, hash)) throw invalid();
  const now = deps.clock();
  if (row.revoked_at) throw new AuthenticationError('the portal session has been revoked', { code: 'portal_session_revoked' });
  if (row.expires_at <= now) throw new AuthenticationError('the portal session has expired', { code: 'portal_session_expired' });
  const { token_hash: _hash, ...session } = row;
  if (!session.first_used_at) {
    await inTransaction(deps, async (tx) => {
      const used = await tx.query(`update portal_session set first_used_at = $2 where id = $1 and first_used_at is null`, [session.id, now]);
      if (used.rowCount === 0) return;
      const actor = { kind: 'api_key' as const, keyId: session.id, owner: session.owner, role: session.role, orgId: session.org_id };
      await enqueueAudit(tx, { meta: { ...meta, actor }, orgId: session.org_id, action: 'portal_session.use', resourceType: 'portal_session', resourceId: session.id, after: auditView(session), at: now });
    });
  }
  return session;
}
