// The OpenAPI 3.1 `webhooks` section: for every event type of the catalog, the request a
// receiver gets from Hookline and what each kind of answer does.

type JsonSchema = Record<string, unknown>;

export interface CatalogEventType {
  type: string;
  group: string;
  name: string;
  description: string;
  schema?: JsonSchema;
}

/** The event envelope every delivery carries (`data` is left out for `payload: "thin"` webhooks). */
export const WEBHOOK_EVENT_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['id', 'object', 'type', 'source', 'time', 'is_test'],
  properties: {
    id: { type: 'string', pattern: '^evt_', description: 'The event (`evt_…`); the same for every webhook it goes to.' },
    object: { const: 'event' },
    type: { type: 'string', description: 'The event type, e.g. `transfer.completed`.' },
    source: { type: 'string', description: 'The platform that published it (`HOOKLINE_EVENT_SOURCE`).' },
    time: { type: 'string', format: 'date-time', description: 'When the event was published.' },
    is_test: { type: 'boolean', description: 'True for `POST /v1/webhooks/{id}/test` events.' },
    data: { type: 'object', description: 'The event type’s data; absent when the webhook has `payload: "thin"` (fetch `GET /v1/events/{id}`).' },
  },
};

const SIGNATURE_TOKEN = '(v1|v1a|v1e),[A-Za-z0-9+/]+={0,2}';

const header = (name: string, description: string, schema: JsonSchema, required = true) => ({ name, in: 'header', required, description, schema });

const HEADERS = [
  header('webhook-id', 'The delivery (`del_…`), stable across its retries: drop a repeat you already processed.', { type: 'string', pattern: '^del_' }),
  header('webhook-timestamp', 'Unix seconds when this attempt was signed.', { type: 'string', pattern: '^[0-9]{1,12}$' }),
  header(
    'webhook-signature',
    'Space-separated `<version>,<base64>` tokens over `{webhook-id}.{webhook-timestamp}.{body}`: `v1` HMAC-SHA256 (`whsec_` secret), `v1a` Ed25519 (`whpk_` key), `v1e` ECDSA P-256/SHA-256 encoded IEEE P1363 (`r || s`, 64 bytes; not DER). Several tokens while a rotated secret is still valid.',
    { type: 'string', pattern: `^${SIGNATURE_TOKEN}( ${SIGNATURE_TOKEN})*$` },
  ),
  header('hookline-event-type', 'The event’s `type`.', { type: 'string' }),
  header('traceparent', 'W3C trace context of the publisher’s trace.', { type: 'string', pattern: '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$' }, false),
  header('user-agent', '`Hookline/<version>`.', { type: 'string', pattern: '^Hookline/' }),
];

const RESPONSES = {
  '2XX': { description: 'Delivered: the delivery is marked `delivered`; no further attempt. The answer must come within the webhook’s timeout (default 15 s).' },
  '410': { description: 'Gone: the delivery fails at once and the webhook is disabled; nothing more is sent to it until it is re-enabled.' },
  '429': { description: 'Too many requests: retried, no sooner than `Retry-After` (seconds or an HTTP date; capped at 24 h). 503 is treated the same way.' },
  default: {
    description:
      'Any other answer — 3xx (redirects are never followed), 4xx, 5xx — or a timeout or connection error: retried on the webhook’s schedule (default 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, ±20 %); when it is exhausted the delivery is `failed` and a `hookline.delivery.exhausted` event is published.',
  },
};

/** `webhooks` keyed by event type, each a `post` with the typed payload, the headers and the answers. */
export function webhooksSection(eventTypes: readonly CatalogEventType[]): Record<string, unknown> {
  const sorted = [...eventTypes].sort((a, b) => a.type.localeCompare(b.type));
  return Object.fromEntries(
    sorted.map((eventType) => [
      eventType.type,
      {
        post: {
          operationId: `webhook.${eventType.type}`,
          summary: eventType.name,
          description: `${eventType.description}\n\nSent to every webhook subscribed to \`${eventType.type}\` (or to every event type). See "Receiving webhooks" for verifying the signature.`,
          tags: [`events: ${eventType.group}`],
          // Hookline calls the receiver: the receiver checks the signature, no API credential is involved.
          security: [],
          parameters: HEADERS,
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  allOf: [
                    { $ref: '#/components/schemas/WebhookEvent' },
                    {
                      type: 'object',
                      properties: {
                        type: { const: eventType.type },
                        data: eventType.schema ?? { type: 'object', description: 'No schema is declared for this type’s data.' },
                      },
                    },
                  ],
                },
              },
            },
          },
          responses: RESPONSES,
        },
      },
    ]),
  );
}
