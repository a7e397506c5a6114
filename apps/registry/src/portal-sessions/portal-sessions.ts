import { PORTAL_FEATURES } from '@hookline/contract';
import { timingSafeEqual } from 'node:crypto';
import { LockMode, type EntityManager } from '@hookline/db';
import { principalOf } from '../principals/principal';
import { AuthenticationError, InputError, NotFoundError, PermissionError } from '@hookline/errors';
import { newId } from '@hookline/ids';
import { ROLES, type Role } from '@hookline/contract';
import type { RegistryDeps } from '../common/deps';
import type { RequestMeta } from '../common/scope';
import { OrganizationEntity } from '../db/entities/organization';
import { PortalSessionEntity, type PortalSessionRecord } from '../db/entities/portal-session';
import { enqueueAudit, enqueueCredentialChange } from '../outbox/outbox';
import { generatePortalToken, hashPortalToken, isWellFormedPortalToken } from './portal-token';
import { inTransaction, readerFor } from '../db/unit-of-work';

/** Screens a portal session may show; an empty list shows all of them. */
export { PORTAL_FEATURES };
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

/** The session as use cases see it: everything but its token's hash. */
function toRow(record: PortalSessionRecord): PortalSessionRow {
  const { token_hash: _hash, ...row } = record;
  return { ...row };
}

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
 * Issues a portal session. A portal session cannot issue another one. Its owner is the principal
 * it acts for: an org key issues sessions only for its own principal (whoever receives the token
 * is that principal), so a session never lets one person act, or approve, as another; the
 * operator vouches for the owner it names.
 */
export async function createPortalSession(deps: RegistryDeps, meta: RequestMeta, input: PortalSessionInput): Promise<{ session: PortalSessionRow; token: string }> {
  if (meta.actor.keyId.startsWith('ps_')) throw new PermissionError('a portal session cannot issue portal sessions', { code: 'portal_session_forbidden' });
  const valid = validate(input);
  const now = deps.clock();
  const id = newId('ps');
  const token = generatePortalToken();
  return inTransaction(deps, async (tx) => {
    const org = await tx.em.findOne(OrganizationEntity, { id: input.orgId });
    if (!org) throw new NotFoundError('organization not found');
    const owner = meta.actor.kind === 'api_key' ? await ownPrincipal(tx.em, meta, valid.owner) : valid.owner || `portal:${id}`;
    const record: PortalSessionRecord = {
      id,
      org_id: input.orgId,
      role: valid.role,
      features: valid.features,
      // As stored in jsonb: keys left undefined are absent.
      branding: JSON.parse(JSON.stringify(valid.branding)),
      owner,
      token_hash: hashPortalToken(token),
      created_by: meta.actor.kind === 'api_key' ? meta.actor.keyId : meta.actor.kind,
      created_at: now,
      expires_at: new Date(now.getTime() + valid.ttlSeconds * 1000),
      revoked_at: null,
      first_used_at: null,
    };
    await tx.em.insert(PortalSessionEntity, record);
    const session = toRow(record);
    await enqueueAudit(tx, { meta, orgId: input.orgId, action: 'portal_session.create', resourceType: 'portal_session', resourceId: id, after: auditView(session), at: now });
    return { session, token };
  });
}

/** The issuing key's principal; naming anyone else as the owner is refused. */
async function ownPrincipal(em: EntityManager, meta: RequestMeta, requested: string): Promise<string> {
  const principal = await principalOf(em, meta);
  if (requested && requested !== principal) {
    throw new PermissionError(`a portal session issued with an API key acts for that key's principal (${principal}); only the operator issues sessions for others`, {
      code: 'owner_not_self',
      param: 'owner',
    });
  }
  return principal;
}

export async function revokePortalSession(deps: RegistryDeps, meta: RequestMeta, orgId: string, id: string): Promise<PortalSessionRow> {
  const now = deps.clock();
  return inTransaction(deps, async (tx) => {
    const record = await tx.em.findOne(PortalSessionEntity, { id, org_id: orgId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!record) throw new NotFoundError('portal session not found');
    const before = toRow(record);
    if (before.revoked_at) return before;
    record.revoked_at = now;
    await tx.em.flush();
    const after = toRow(record);
    await enqueueAudit(tx, { meta, orgId, action: 'portal_session.revoke', resourceType: 'portal_session', resourceId: id, before: auditView(before), after: auditView(after), at: now });
    await enqueueCredentialChange(tx, { credentialId: id, orgId, kind: 'portal_session', change: 'revoked', changedAt: now });
    return after;
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
  const row = await readerFor(deps).findOne(PortalSessionEntity, { token_hash: hash });
  if (!row || !timingSafeEqual(row.token_hash, hash)) throw invalid();
  const now = deps.clock();
  if (row.revoked_at) throw new AuthenticationError('the portal session has been revoked', { code: 'portal_session_revoked' });
  if (row.expires_at <= now) throw new AuthenticationError('the portal session has expired', { code: 'portal_session_expired' });
  const session = toRow(row);
  if (!session.first_used_at) {
    await inTransaction(deps, async (tx) => {
      // Conditional, in one statement: of two first requests at once, only one audits the first use.
      const used = await tx.em.nativeUpdate(PortalSessionEntity, { id: session.id, first_used_at: null }, { first_used_at: now });
      if (used === 0) return;
      const actor = { kind: 'api_key' as const, keyId: session.id, owner: session.owner, role: session.role, orgId: session.org_id };
      await enqueueAudit(tx, { meta: { ...meta, actor }, orgId: session.org_id, action: 'portal_session.use', resourceType: 'portal_session', resourceId: session.id, after: auditView(session), at: now });
    });
  }
  return session;
}
