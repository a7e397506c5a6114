import { z } from '@hookline/config';
import type { RouteDefinition } from '../http/route';
import { RECEIVING_WEBHOOKS_MARKDOWN } from './signature-verification';
import { WEBHOOK_EVENT_SCHEMA, webhooksSection, type CatalogEventType } from './webhooks-section';

type JsonSchema = Record<string, unknown>;
const WRITES = new Set(['post', 'patch', 'put', 'delete']);

/** JSON Schema 2020-12 (OpenAPI 3.1's dialect) for a zod schema, without the `$schema` marker. */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

const errorSchema = z.object({
  error: z.object({
    type: z.enum(['invalid_request', 'authentication', 'permission', 'not_found', 'conflict', 'rate_limited', 'internal', 'unavailable']),
    code: z.string().describe('Machine-readable reason, e.g. `unknown_field`, `url_not_public`.'),
    message: z.string(),
    param: z.string().optional().describe('The request field at fault, e.g. `auth.header_name`.'),
    request_id: z.string(),
  }),
});

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });

/**
 * The OpenAPI 3.1 document of the declared routes, generated from the same zod schemas that
 * validate requests, so the contract and the checks cannot drift apart.
 */
export function buildOpenApiDocument(
  routes: readonly RouteDefinition[],
  info: { version: string },
  eventTypes: readonly CatalogEventType[] = [],
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const actions = new Set<string>();
  for (const route of routes) {
    // The action doubles as the operationId, which OpenAPI requires to be unique.
    if (actions.has(route.action)) throw new Error(`two routes declare the action "${route.action}"`);
    actions.add(route.action);
    const path = route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    paths[path] ??= {};
    paths[path][route.method] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Hookline API',
      version: info.version,
      description: `Self-hosted webhook delivery. Authenticate with \`Authorization: Bearer hk_…\` (operator endpoints: the operator key).\n\n${RECEIVING_WEBHOOKS_MARKDOWN}`,
    },
    servers: [{ url: '/' }],
    tags: [...new Set(routes.map((r) => r.resourceType))].sort().map((name) => ({ name })),
    paths,
    webhooks: webhooksSection(eventTypes),
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'An organization API key (`hk_…`).' },
        operatorKey: { type: 'http', scheme: 'bearer', description: 'The operator key (`HOOKLINE_OPERATOR_KEY`).' },
      },
      schemas: { Error: jsonSchema(errorSchema, 'output'), WebhookEvent: WEBHOOK_EVENT_SCHEMA },
    },
  };
}

function operation(route: RouteDefinition): Record<string, unknown> {
  const responses: Record<string, unknown> = {};
  for (const [status, spec] of Object.entries(route.responses)) {
    responses[status] = spec.schema ? { description: spec.description, content: { 'application/json': { schema: jsonSchema(spec.schema, 'output') } } } : { description: spec.description };
  }
  responses['400'] ??= errorResponse('The request breaks a rule; `param` names the field.');
  if (route.auth !== 'none') responses['401'] ??= errorResponse('Missing, unknown or revoked key.');
  if (route.auth === 'api_key') responses['403'] ??= errorResponse(`The key's role is below \`${route.role}\`.`);
  if (route.path.includes(':')) responses['404'] ??= errorResponse('No such resource in your organization.');
  if (WRITES.has(route.method)) {
    responses['409'] ??= errorResponse('Conflict with the current state, or an Idempotency-Key reused with a different body.');
    responses['413'] ??= errorResponse('The body is larger than 1 MiB.');
    responses['415'] ??= errorResponse('The body is not JSON.');
  }
  if (route.auth !== 'none') responses['429'] ??= errorResponse('Too many requests for this key; see `Retry-After`.');

  return {
    operationId: route.action,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: [route.resourceType],
    security: route.auth === 'none' ? [] : [{ [route.auth === 'operator' ? 'operatorKey' : 'apiKey']: [] }],
    ...(route.role ? { 'x-hookline-role': route.role } : {}),
    parameters: [...pathParameters(route), ...queryParameters(route), ...(WRITES.has(route.method) ? [idempotencyHeader] : [])],
    ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body, 'input') } } } } : {}),
    responses,
  };
}

const idempotencyHeader = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description: '1–255 printable ASCII characters. A retry with the same key and body gets the stored response for 24 h.',
  schema: { type: 'string', minLength: 1, maxLength: 255 },
};

function pathParameters(route: RouteDefinition): unknown[] {
  const names = [...route.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]);
  const properties = route.params ? ((jsonSchema(route.params, 'input').properties ?? {}) as Record<string, JsonSchema>) : {};
  return names.map((name) => ({ name, in: 'path', required: true, schema: properties[name] ?? { type: 'string' } }));
}

function queryParameters(route: RouteDefinition): unknown[] {
  if (!route.query) return [];
  const schema = jsonSchema(route.query, 'input');
  const required = new Set((schema.required as string[] | undefined) ?? []);
  return Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>).map(([name, property]) => {
    const { description, ...rest } = property;
    return { name, in: 'query', required: required.has(name), ...(description ? { description } : {}), schema: rest };
  });
}
