import { z } from '@hookline/config';
import type { RouteDefinition } from '../http/route';
import { RECEIVING_WEBHOOKS_MARKDOWN } from './signature-verification';
import { WEBHOOK_EVENT_SCHEMA, webhooksSection, type CatalogEventType } from './webhooks-section';

type JsonSchema = Record<string, unknown>;
const WRITES = new Set(['post', 'patch', 'put', 'delete']);

/**
 * Named component schemas collected while the document is built: every zod schema declared with
 * `.meta({ id: 'Webhook' })` lands once under `components/schemas` and is `$ref`ed wherever it is
 * used, so generated clients get `Webhook`, not `GetWebhook200Response`.
 */
class ComponentSchemas {
  readonly schemas: Record<string, JsonSchema> = {};

  /** JSON Schema 2020-12 (OpenAPI 3.1's dialect) for a zod schema, its named parts as `$ref`s. */
  jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
    const { $schema: _dialect, $defs, ...rest } = z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' }) as JsonSchema;
    // A request body may differ from the response of the same name (defaults, transforms).
    const name = (id: string) => (io === 'output' ? id : `${id}Input`);
    const relink = (value: unknown): unknown => JSON.parse(JSON.stringify(value).replace(/"#\/\$defs\/([A-Za-z0-9_]+)"/g, (_m, id: string) => JSON.stringify(`#/components/schemas/${name(id)}`)));
    for (const [id, definition] of Object.entries(($defs ?? {}) as Record<string, JsonSchema>)) {
      const body = relink(definition) as JsonSchema;
      const existing = this.schemas[name(id)];
      if (existing && JSON.stringify(existing) !== JSON.stringify(body)) throw new Error(`two different schemas are named "${name(id)}"`);
      this.schemas[name(id)] = body;
    }
    return relink(rest) as JsonSchema;
  }
}

const errorSchema = z.object({
  error: z.object({
    type: z.enum(['invalid_request', 'authentication', 'permission', 'not_found', 'conflict', 'rate_limited', 'internal', 'unavailable']),
    code: z.string().describe('Machine-readable reason, e.g. `unknown_field`, `url_not_public`.'),
    message: z.string(),
    param: z.string().optional().describe('The request field at fault, e.g. `auth.header_name`.'),
    request_id: z.string(),
  }),
}).meta({ id: 'Error' });

/** What each tag (a route's `resourceType`) groups, shown beside it in /docs. */
const TAG_DESCRIPTIONS: Record<string, string> = {
  api_key: "The organization's API keys (`hk_…`): shown once, stored hashed, revocable.",
  approval: 'Four-eyes approvals: changes held until an admin acting for another principal approves them.',
  audit_log: 'Hash-chained audit records of every API call and state change, and the check of the chain.',
  dead_letter: 'Operator: records a consumer could not process, and their replay.',
  delivery: 'Deliveries (`webhook_event`): one event to one webhook, attempt by attempt; retry and recovery.',
  event: 'Platform events: publish with an `Idempotency-Key`, list and read them.',
  event_type: 'The event-type catalog a webhook subscribes to.',
  notification_channel: 'Where the organization is told about failing deliveries and disabled webhooks: email and Slack/Teams chat webhooks, with thresholds, dedupe and a rate limit.',
  relay: 'The relay behind `hookline listen`: a relay webhook’s (`url: relay://<name>`) attempts streamed to a developer machine, and the local answers reported back as their outcomes.',
  organization: 'Operator: organizations and their first keys.',
  portal_session: 'Short-lived, revocable dashboard sessions for one organization.',
  session: 'Who the calling key or session is.',
  settings: "The organization's settings: which webhook actions need approval.",
  stats: 'Delivery counts by outcome and attempt latency percentiles per time bucket.',
  webhook: 'Webhook endpoints: URL, event types, authentication, signing, rate limit and retries.',
};

function tagOf(resourceType: string): { name: string; description: string } {
  const description = TAG_DESCRIPTIONS[resourceType];
  if (!description) throw new Error(`resource type "${resourceType}" has no tag description in openapi-document.ts`);
  return { name: resourceType, description };
}

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });

/**
 * The OpenAPI 3.1 document of the declared routes, generated from the same zod schemas that
 * validate requests, so the contract and the checks cannot drift apart.
 */
export function buildOpenApiDocument(
  routes: readonly RouteDefinition[],
  info: { version: string; /** HOOKLINE_PUBLIC_URL: the server clients call; else relative to the document. */ publicUrl?: string },
  eventTypes: readonly CatalogEventType[] = [],
): Record<string, unknown> {
  const components = new ComponentSchemas();
  components.jsonSchema(errorSchema, 'output');
  const paths: Record<string, Record<string, unknown>> = {};
  const actions = new Set<string>();
  for (const route of routes) {
    // The action doubles as the operationId, which OpenAPI requires to be unique.
    if (actions.has(route.action)) throw new Error(`two routes declare the action "${route.action}"`);
    actions.add(route.action);
    const path = route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    paths[path] ??= {};
    paths[path][route.method] = operation(route, components);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Hookline API',
      version: info.version,
      license: { name: 'Apache 2.0', identifier: 'Apache-2.0' },
      description: `Self-hosted webhook delivery. Authenticate with \`Authorization: Bearer hk_…\` (operator endpoints: the operator key).\n\n${RECEIVING_WEBHOOKS_MARKDOWN}`,
    },
    servers: [{ url: info.publicUrl ?? '/' }],
    tags: [...new Set(routes.map((r) => r.resourceType))].sort().map(tagOf),
    paths,
    webhooks: webhooksSection(eventTypes),
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'An organization API key (`hk_…`).' },
        operatorKey: { type: 'http', scheme: 'bearer', description: 'The operator key (`HOOKLINE_OPERATOR_KEY`).' },
      },
      schemas: { ...sortedByName(components.schemas), WebhookEvent: WEBHOOK_EVENT_SCHEMA },
    },
  };
}

function operation(route: RouteDefinition, components: ComponentSchemas): Record<string, unknown> {
  const jsonSchema = components.jsonSchema.bind(components);
  const responses: Record<string, unknown> = {};
  for (const [status, spec] of Object.entries(route.responses)) {
    // A declared error status without its own schema carries the common error body.
    if (!spec.schema && Number(status) >= 400) responses[status] = errorResponse(spec.description);
    else responses[status] = spec.schema ? { description: spec.description, content: { 'application/json': { schema: jsonSchema(spec.schema, 'output') } } } : { description: spec.description };
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
    parameters: [...pathParameters(route, components), ...queryParameters(route, components), ...(WRITES.has(route.method) ? [idempotencyHeader] : [])],
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

function sortedByName(schemas: Record<string, JsonSchema>): Record<string, JsonSchema> {
  return Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b)));
}

function pathParameters(route: RouteDefinition, components: ComponentSchemas): unknown[] {
  const names = [...route.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]);
  const properties = route.params ? ((components.jsonSchema(route.params, 'input').properties ?? {}) as Record<string, JsonSchema>) : {};
  return names.map((name) => ({ name, in: 'path', required: true, schema: properties[name] ?? { type: 'string' } }));
}

function queryParameters(route: RouteDefinition, components: ComponentSchemas): unknown[] {
  if (!route.query) return [];
  const schema = components.jsonSchema(route.query, 'input');
  const required = new Set((schema.required as string[] | undefined) ?? []);
  return Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>).map(([name, property]) => {
    const { description, ...rest } = property;
    return { name, in: 'query', required: required.has(name), ...(description ? { description } : {}), schema: rest };
  });
}
