import { z } from '@hookline/config';
import { SCHEMA_MODES } from '@hookline/contract';
import type { registryV1 } from '@hookline/proto';
import { apiKeyErrorCodes, apiKeyJson, apiKeySchema, createApiKeyBody, createdApiKeyJson, createdApiKeySchema } from '../api-keys/api-key-json';
import { eventTypeJson, eventTypeSchema } from '../event-types/event-type-json';
import { listBody, listSchema, pageQueryFields, pageRequest } from '../http/pagination';
import { defineRoute } from '../http/route';
import { pageOfAll } from '../http/page-of-all';

// Operator endpoints (Authorization: Bearer <HOOKLINE_OPERATOR_KEY>).

const organizationSchema = z.object({ id: z.string().describe('`org_…`'), object: z.literal('organization'), name: z.string(), created_at: z.string() }).meta({ id: 'Organization' });
const orgParams = z.strictObject({ id: z.string().min(1).max(100).describe('`org_…`') });

function organizationJson(org: registryV1.Organization | undefined): z.infer<typeof organizationSchema> {
  if (!org) throw new Error('registry answered without an organization');
  return { id: org.id, object: 'organization', name: org.name, created_at: org.createdAt };
}

export const adminRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/admin/organizations',
    summary: 'Create an organization',
    description: 'Returns the organization and its first `admin` API key (the `key` is shown only here).',
    action: 'organization.create',
    resourceType: 'organization',
    auth: 'operator',
    body: z.strictObject({
      name: z.string().min(1).max(100),
      owner: z.string().min(1).max(200).optional().describe('Owner identity of the first admin key (default `operator`).'),
    }),
    errorCodes: { name: 'org_name_invalid', owner: 'owner_invalid' },
    responses: { 201: { description: 'Created.', schema: z.object({ organization: organizationSchema, api_key: createdApiKeySchema }).meta({ id: 'CreatedOrganization' }) } },
    handler: async ({ body, context, clients, call }) => {
      const response = await clients.registry.createOrganization({ context, name: body.name, owner: body.owner ?? '' }, call);
      return {
        status: 201,
        body: { organization: organizationJson(response.organization), api_key: { ...apiKeyJson(response.apiKey), key: response.key } },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/admin/organizations',
    summary: 'List organizations',
    action: 'organization.list',
    resourceType: 'organization',
    auth: 'operator',
    query: z.strictObject(pageQueryFields),
    responses: { 200: { description: 'A page of organizations, newest first.', schema: listSchema(organizationSchema) } },
    handler: async ({ query, context, clients, call }) => {
      const response = await clients.registry.listOrganizations({ context, page: pageRequest(query) }, call);
      return { status: 200, body: listBody(response.organizations.map(organizationJson), response.page) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/admin/organizations/:id/api-keys',
    summary: "Create an API key in an organization",
    action: 'admin.api_key.create',
    resourceType: 'api_key',
    auth: 'operator',
    params: orgParams,
    body: createApiKeyBody,
    errorCodes: apiKeyErrorCodes,
    responses: { 201: { description: 'Created; the `key` is shown only here.', schema: createdApiKeySchema } },
    handler: async ({ params, body, context, clients, call }) => {
      const response = await clients.registry.createApiKey({ context, orgId: params.id, role: body.role, owner: body.owner, name: body.name ?? '' }, call);
      return { status: 201, body: createdApiKeyJson(response) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/admin/organizations/:id/api-keys',
    summary: "List an organization's API keys",
    action: 'admin.api_key.list',
    resourceType: 'api_key',
    auth: 'operator',
    params: orgParams,
    query: z.strictObject(pageQueryFields),
    responses: { 200: { description: 'A page of keys.', schema: listSchema(apiKeySchema) } },
    handler: async ({ params, query, context, clients, call }) => {
      const response = await clients.registry.listApiKeys({ context, orgId: params.id, page: pageRequest(query) }, call);
      return { status: 200, body: listBody(response.apiKeys.map(apiKeyJson), response.page) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/admin/event-types',
    summary: 'The event type catalog',
    action: 'admin.event_type.list',
    resourceType: 'event_type',
    auth: 'operator',
    query: z.strictObject(pageQueryFields),
    responses: { 200: { description: 'A page of event types, ordered by type.', schema: listSchema(eventTypeSchema) } },
    handler: async ({ query, clients, call }) => {
      const response = await clients.registry.listEventTypes({}, call);
      return { status: 200, body: pageOfAll(response.eventTypes.map(eventTypeJson), query, (t) => t.type) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/admin/event-types',
    summary: 'Add or replace an event type',
    description: [
      'Idempotent upsert by `type`: the body is the whole entry. Built-in `hookline.*` types are reserved.',
      '',
      'A `schema` different from the current one becomes a new version (`GET /v1/admin/event-types/{type}/schemas`). A schema that would refuse data the latest schema version accepted answers 409 `schema_change_breaking` (naming each change) unless the body says `"breaking": true`. `schema_mode` (default `off`) decides what publishing does with data that does not match; `enforce` and `warn` need a schema.',
    ].join('\n'),
    action: 'event_type.register',
    resourceType: 'event_type',
    auth: 'operator',
    body: z.strictObject({
      type: z.string().min(1).max(100).describe('Dot-separated `[a-z0-9_]` segments, e.g. `transfer.completed`.'),
      group: z.string().max(100).optional(),
      name: z.string().max(100).optional(),
      description: z.string().max(1000).optional(),
      schema: z.record(z.string(), z.unknown()).optional().describe('JSON schema (draft-07) of `data`.'),
      schema_mode: z.enum(SCHEMA_MODES).optional().describe('`enforce`, `warn` or `off` (default).'),
      breaking: z.boolean().optional().describe('Accept a schema that refuses data the previous version accepted.'),
    }),
    errorCodes: { type: 'event_type_invalid', group: 'group_invalid', name: 'name_invalid', description: 'description_invalid', schema: 'schema_invalid', schema_mode: 'schema_mode_invalid', breaking: 'breaking_invalid' },
    responses: { 201: { description: 'The catalog entry.', schema: eventTypeSchema } },
    handler: async ({ body, context, clients, call }) => {
      const info = await clients.registry.registerEventType({
        context,
        type: body.type,
        group: body.group ?? '',
        name: body.name ?? '',
        description: body.description ?? '',
        schemaJson: body.schema ? JSON.stringify(body.schema) : '',
        schemaMode: body.schema_mode ?? '',
        breaking: body.breaking ?? false,
      }, call);
      return { status: 201, body: eventTypeJson(info) };
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/v1/admin/event-types/:type',
    summary: 'Remove an event type',
    action: 'event_type.delete',
    resourceType: 'event_type',
    auth: 'operator',
    params: z.strictObject({ type: z.string().min(1).max(100) }),
    responses: { 204: { description: 'Removed.' } },
    handler: async ({ params, context, clients, call }) => {
      await clients.registry.deleteEventType({ context, type: params.type }, call);
      return { status: 204 };
    },
  }),
];
