import { z } from 'zod';
import { SIGNATURE_SCHEMES } from '@hookline/signing';
import { fieldRule, ruleCodes } from './field-rule';
import { payloadFilterSchema } from '../payload-filter/filter-bodies';
import { CLIENT_AUTH_METHODS, ENDPOINT_AUTH_TYPES } from '../endpoint-auth/endpoint-auth';

// The webhook rules of DESIGN §4 a client can check by itself, declared once: the gateway
// validates request bodies with the schemas composed below (early 400s, documented in
// /openapi.json) and the registry, the authority, checks every field against the same rules
// before adding what needs state or DNS (unique names, known event types, public URLs,
// reserved headers).

const HEADER_TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;
/** RFC 9110 field-value: visible Latin-1 characters, inner spaces and tabs; no CR, LF, NUL. */
const HEADER_FIELD_VALUE = /^[\x21-\x7e\x80-\xff](?:[\t\x20-\x7e\x80-\xff]*[\x21-\x7e\x80-\xff])?$/;
/** Credentials travel in one header or form field: no control characters (header injection). */
const SAFE_VALUE = /^[\t\x20-\x7e\x80-\uffff]+$/;

export const MAX_RETRY_STEPS = 20;
export const MAX_RETRY_DELAY_SECONDS = 24 * 3600;
/**
 * The longest a delivery can wait for its last automatic attempt: every step at its longest, plus
 * the 20 % jitter. The dispatcher reads an event's body from ingestion's archive for every attempt
 * after the first, so the archive keeps events at least this long.
 */
export const MAX_RETRY_HORIZON_SECONDS = Math.ceil(MAX_RETRY_STEPS * MAX_RETRY_DELAY_SECONDS * 1.2);

const credential = (max: number) => z.string().min(1).max(max).regex(SAFE_VALUE, 'must not contain control characters');
/** Optional free text: empty means absent. */
const optionalText = (max: number) => z.string().max(max).regex(/^[\t\x20-\x7e\x80-\uffff]*$/, 'must not contain control characters');
const intFrom = (min: number, max: number) => z.number().int().min(min).max(max);
const oneOf = <T extends readonly [string, ...string[]]>(values: T, param: string) =>
  fieldRule(z.enum(values), `${param.replace('.', '_')}_invalid`, `${param} must be one of ${values.join(', ')}`);
const retryDelay = intFrom(1, MAX_RETRY_DELAY_SECONDS);
const retryScheduleMessage = `retry_schedule_seconds must hold at most ${MAX_RETRY_STEPS} delays of 1 to ${MAX_RETRY_DELAY_SECONDS} seconds`;
const eventType = z.string().min(1).max(100);

/** Every rule by the field path a client writes (`auth.header_name`; `[]` for list items). */
export const webhookRules = {
  name: fieldRule(z.string().min(5).max(100).describe('Unique in the organization, 5–100 characters.'), 'name_invalid', 'name must be 5 to 100 characters'),
  description: fieldRule(z.string().min(5).max(100).describe('5–100 characters.'), 'description_invalid', 'description must be 5 to 100 characters'),
  url: fieldRule(
    z.string().max(2048).describe('https URL of the endpoint, at most 2048 characters; must not resolve to a non-public address.'),
    'url_invalid',
    'url must be an absolute https URL',
    { too_big: { code: 'url_too_long', message: 'url must be at most 2048 characters' } },
  ),
  event_types: fieldRule(
    z.array(eventType).min(1).max(500).describe('Event types (`transfer.completed`) or whole groups (`transfer.*`, which also takes types added to the group later) to receive; omit for every type.'),
    'event_types_empty',
    'event_types must not be empty; omit it to receive every event type',
  ),
  'event_types[]': fieldRule(eventType, 'event_type_unknown', 'event types are 1 to 100 characters'),
  auth: fieldRule(z.object({}), 'auth_type_invalid', 'auth must be an object'),
  'auth.type': fieldRule(z.enum(ENDPOINT_AUTH_TYPES), 'auth_type_invalid', 'auth.type must be none, api_key, basic or oauth2'),
  'auth.header_name': fieldRule(
    z.string().regex(HEADER_TOKEN, 'must be a valid HTTP header name').describe('Not a reserved header (host, content-type, webhook-*, …).'),
    'auth_header_name_invalid',
    'auth.header_name must be a valid HTTP header name',
  ),
  'auth.value': fieldRule(
    z
      .string()
      .min(1)
      .max(4096)
      .regex(HEADER_FIELD_VALUE, 'must be a valid HTTP header value')
      .describe('Sent as the header value: visible Latin-1 characters (RFC 9110 field value), no control characters.'),
    'auth_value_required',
    'auth.value is required (1-4096 characters)',
    {
      invalid_format: {
        code: 'auth_value_invalid',
        message: 'auth.value must be a valid HTTP header value: visible Latin-1 characters, no control characters or leading/trailing spaces',
      },
    },
  ),
  'auth.username': fieldRule(credential(200), 'auth_username_required', 'auth.username is required (1-200 characters, no control characters)'),
  'auth.password': fieldRule(credential(1000), 'auth_password_required', 'auth.password is required (1-1000 characters, no control characters)'),
  'auth.token_url': fieldRule(z.string().max(2048), 'auth_token_url_invalid', 'auth.token_url must be an absolute https URL'),
  'auth.client_id': fieldRule(credential(500), 'auth_client_id_required', 'auth.client_id is required (1-500 characters, no control characters)'),
  'auth.client_secret': fieldRule(credential(2000), 'auth_client_secret_required', 'auth.client_secret is required (1-2000 characters, no control characters)'),
  'auth.scope': fieldRule(optionalText(1000), 'auth_scope_invalid', 'auth.scope must be at most 1000 characters'),
  'auth.audience': fieldRule(optionalText(1000), 'auth_audience_invalid', 'auth.audience must be at most 1000 characters'),
  'auth.client_auth_method': oneOf(CLIENT_AUTH_METHODS, 'auth.client_auth_method'),
  status: oneOf(['active', 'paused'], 'status'),
  rate_limit_rps: fieldRule(intFrom(1, 100).describe('Deliveries per second, 1–100 (default 10).'), 'rate_limit_rps_invalid', 'rate_limit_rps must be an integer from 1 to 100'),
  timeout_seconds: fieldRule(intFrom(1, 30).describe('1–30 (default 15).'), 'timeout_seconds_invalid', 'timeout_seconds must be an integer from 1 to 30'),
  payload: oneOf(['full', 'thin'], 'payload'),
  signature_scheme: fieldRule(z.enum(SIGNATURE_SCHEMES), 'signature_scheme_invalid', 'signature_scheme must be hmac-sha256, ed25519 or ecdsa-p256'),
  retry_schedule_seconds: fieldRule(
    z.array(retryDelay).max(MAX_RETRY_STEPS).describe('Delays after each failed attempt; [] = the platform default.'),
    'retry_schedule_invalid',
    retryScheduleMessage,
  ),
  'retry_schedule_seconds[]': fieldRule(retryDelay, 'retry_schedule_invalid', retryScheduleMessage),
  ordering: oneOf(['unordered', 'fifo'], 'ordering'),
  filter: fieldRule(payloadFilterSchema, 'filter_invalid', 'filter must be a JSON object: a condition or and/or/not (see the README\'s "Payload filters")'),
};

/** The code of every webhook rule by field path, for a layer validating whole request bodies. */
export const webhookRuleCodes = ruleCodes(webhookRules);
