import { z } from '@hookline/config';
import { wireProfileFromJson, wireProfileSchema, wireProfileToJson, type WireProfile, type WireProfileName } from '@hookline/contract';
import type { registryV1 } from '@hookline/proto';
import { defineRoute } from '../http/route';

// The wire format of an organization's deliveries (DESIGN §3): the operator sets it, the
// organization's members read it (the dashboard shows the receiving code for it).

const profileJsonSchema = wireProfileSchema
  .and(z.object({ object: z.literal('wire_profile'), is_default: z.boolean().describe('The organization has none of its own: the platform default applies.') }))
  .meta({ id: 'WireProfile' });

function toProto(profile: WireProfile): registryV1.WireProfile {
  const e = profile.envelope;
  return {
    name: profile.name,
    brand: profile.brand,
    userAgent: profile.userAgent,
    envelope: e ? { typeField: e.typeField, idField: e.idField, timestampField: e.timestampField, dataField: e.dataField, fixedFields: e.fixedFields } : undefined,
    testEventType: profile.testEventType,
    retryScheduleSeconds: profile.retryScheduleSeconds,
    isDefault: false,
  };
}

function profileJson(message: registryV1.WireProfile) {
  const e = message.envelope;
  const profile: WireProfile = {
    name: message.name as WireProfileName,
    brand: message.brand,
    userAgent: message.userAgent,
    envelope: e ? { typeField: e.typeField, idField: e.idField, timestampField: e.timestampField, dataField: e.dataField, fixedFields: e.fixedFields } : null,
    testEventType: message.testEventType,
    retryScheduleSeconds: message.retryScheduleSeconds,
  };
  return { object: 'wire_profile' as const, ...wireProfileToJson(profile), is_default: message.isDefault };
}

const orgParams = z.strictObject({ id: z.string().min(1).max(100).describe('`org_…`') });
const responses = { 200: { description: 'The organization’s wire profile.', schema: profileJsonSchema } };

export const wireProfileRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/wire-profile',
    summary: 'How deliveries look on the wire',
    description: 'The headers, signature encoding and envelope of every delivery of this organization (set by the platform operator).',
    action: 'wire_profile.read',
    resourceType: 'organization',
    auth: 'api_key',
    role: 'viewer',
    feature: 'webhooks',
    lastKnownWhileUnavailable: true,
    responses,
    handler: async ({ context, clients, call }) => ({ status: 200, body: profileJson(await clients.registry.getWireProfile({ context, orgId: '' }, call)) }),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/admin/organizations/:id/wire-profile',
    summary: "An organization's wire profile",
    action: 'admin.wire_profile.read',
    resourceType: 'organization',
    auth: 'operator',
    params: orgParams,
    responses,
    handler: async ({ params, context, clients, call }) => ({ status: 200, body: profileJson(await clients.registry.getWireProfile({ context, orgId: params.id }, call)) }),
  }),
  defineRoute({
    method: 'put',
    path: '/v1/admin/organizations/:id/wire-profile',
    summary: "Set an organization's wire profile",
    description:
      'Every delivery of the organization from the next attempt on (within 1 s): `standard-webhooks` (the default), or `hmac-hex` (`X-<Brand>-Signature: sha256=<hex>`, `X-<Brand>-Event`, a brand `User-Agent`), with an optional envelope mapping, test event type and default retry schedule.',
    action: 'admin.wire_profile.update',
    resourceType: 'organization',
    auth: 'operator',
    params: orgParams,
    body: wireProfileSchema,
    errorCodes: { name: 'wire_profile_invalid', brand: 'wire_profile_invalid', user_agent: 'wire_profile_invalid', envelope: 'wire_profile_invalid', test_event_type: 'wire_profile_invalid', retry_schedule_seconds: 'wire_profile_invalid' },
    responses,
    handler: async ({ params, body, context, clients, call }) => {
      const profile = toProto(wireProfileFromJson(body));
      return { status: 200, body: profileJson(await clients.registry.setWireProfile({ context, orgId: params.id, profile, reset: false }, call)) };
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/v1/admin/organizations/:id/wire-profile',
    summary: "Remove an organization's own wire profile",
    description: 'The platform default applies again.',
    action: 'admin.wire_profile.reset',
    resourceType: 'organization',
    auth: 'operator',
    params: orgParams,
    responses,
    handler: async ({ params, context, clients, call }) => ({ status: 200, body: profileJson(await clients.registry.setWireProfile({ context, orgId: params.id, reset: true }, call)) }),
  }),
];
