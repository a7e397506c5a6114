import { InputError } from '@hookline/errors';
import { validateWebhookUrl, type WebhookUrlOptions } from '@hookline/egress';
import { isSignatureScheme, type SignatureScheme } from '@hookline/signing';
import type { Queryable } from '../db/queryable';
import { unknownEventTypes } from '../event-types/catalog';
import { validateAuth, type AuthInput } from './validate-auth';
import type { WebhookPatch, WebhookSpec } from './webhook';

export interface CreateWebhookInput {
  name: string;
  url: string;
  description?: string;
  /** undefined = every event type. */
  eventTypes?: string[];
  auth?: AuthInput;
  rateLimitRps?: number;
  timeoutSeconds?: number;
  payload?: string;
  signatureScheme?: string;
  retryScheduleSeconds?: number[];
  ordering?: string;
}

export interface UpdateWebhookInput {
  name?: string;
  description?: string;
  url?: string;
  eventTypes?: string[];
  allEventTypes?: boolean;
  auth?: AuthInput;
  rateLimitRps?: number;
  timeoutSeconds?: number;
  status?: string;
  payload?: string;
  retryScheduleSeconds?: number[];
  ordering?: string;
}

export interface ValidationContext {
  db: Queryable;
  urlOptions: WebhookUrlOptions;
}

const MAX_RETRY_STEPS = 20;
const MAX_RETRY_DELAY_SECONDS = 24 * 3600;

function name(value: string): string {
  const trimmed = value.trim();
  if (trimmed.length < 5 || trimmed.length > 100) {
    throw new InputError('name must be 5 to 100 characters', { code: 'name_invalid', param: 'name' });
  }
  return trimmed;
}

function description(value: string, allowEmpty: boolean): string {
  const trimmed = value.trim();
  if (trimmed === '' && allowEmpty) return '';
  if (trimmed.length < 5 || trimmed.length > 100) {
    throw new InputError('description must be 5 to 100 characters', { code: 'description_invalid', param: 'description' });
  }
  return trimmed;
}

function intInRange(value: number, min: number, max: number, param: string): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InputError(`${param} must be an integer from ${min} to ${max}`, { code: `${param}_invalid`, param });
  }
  return value;
}

function oneOf<T extends string>(value: string, allowed: readonly T[], param: string): T {
  if (!allowed.includes(value as T)) {
    throw new InputError(`${param} must be one of ${allowed.join(', ')}`, { code: `${param}_invalid`, param });
  }
  return value as T;
}

async function eventTypes(db: Queryable, types: string[]): Promise<string[]> {
  if (types.length === 0) {
    throw new InputError('event_types must not be empty; omit it to receive every event type', { code: 'event_types_empty', param: 'event_types' });
  }
  const unique = [...new Set(types)];
  const unknown = await unknownEventTypes(db, unique);
  if (unknown.length > 0) {
    throw new InputError(`unknown event type ${unknown[0]}`, {
      code: 'event_type_unknown',
      param: `event_types[${types.indexOf(unknown[0])}]`,
      details: { unknown },
    });
  }
  return unique;
}

function retrySchedule(seconds: number[]): number[] {
  if (seconds.length > MAX_RETRY_STEPS || seconds.some((s) => !Number.isInteger(s) || s < 1 || s > MAX_RETRY_DELAY_SECONDS)) {
    throw new InputError(`retry_schedule_seconds must hold at most ${MAX_RETRY_STEPS} delays of 1 to ${MAX_RETRY_DELAY_SECONDS} seconds`, {
      code: 'retry_schedule_invalid',
      param: 'retry_schedule_seconds',
    });
  }
  return seconds;
}

function signatureScheme(value: string): SignatureScheme {
  if (!isSignatureScheme(value)) {
    throw new InputError('signature_scheme must be hmac-sha256, ed25519 or ecdsa-p256', {
      code: 'signature_scheme_invalid',
      param: 'signature_scheme',
    });
  }
  return value;
}

/** Every rule of DESIGN §4 for a new webhook, in field order; returns it normalised with defaults. */
export async function validateCreate(input: CreateWebhookInput, ctx: ValidationContext): Promise<WebhookSpec> {
  const spec: WebhookSpec = {
    name: name(input.name ?? ''),
    description: input.description === undefined ? '' : description(input.description, false),
    url: await validateWebhookUrl(input.url ?? '', ctx.urlOptions),
    eventTypes: input.eventTypes === undefined ? [] : await eventTypes(ctx.db, input.eventTypes),
    auth: await validateAuth(input.auth, ctx.urlOptions),
    rateLimitRps: intInRange(input.rateLimitRps ?? 10, 1, 100, 'rate_limit_rps'),
    timeoutSeconds: intInRange(input.timeoutSeconds ?? 15, 1, 30, 'timeout_seconds'),
    payload: oneOf(input.payload ?? 'full', ['full', 'thin'] as const, 'payload'),
    signatureScheme: signatureScheme(input.signatureScheme ?? 'hmac-sha256'),
    retryScheduleSeconds: retrySchedule(input.retryScheduleSeconds ?? []),
    ordering: oneOf(input.ordering ?? 'unordered', ['unordered', 'fifo'] as const, 'ordering'),
  };
  return spec;
}

/** The same rules for the fields a PATCH sets. */
export async function validatePatch(input: UpdateWebhookInput, ctx: ValidationContext): Promise<WebhookPatch> {
  const patch: WebhookPatch = {};
  if (input.name !== undefined) patch.name = name(input.name);
  if (input.description !== undefined) patch.description = description(input.description, true);
  if (input.url !== undefined) patch.url = await validateWebhookUrl(input.url, ctx.urlOptions);
  if (input.allEventTypes) patch.eventTypes = [];
  else if (input.eventTypes !== undefined) patch.eventTypes = await eventTypes(ctx.db, input.eventTypes);
  if (input.auth !== undefined) patch.auth = await validateAuth(input.auth, ctx.urlOptions);
  if (input.rateLimitRps !== undefined) patch.rateLimitRps = intInRange(input.rateLimitRps, 1, 100, 'rate_limit_rps');
  if (input.timeoutSeconds !== undefined) patch.timeoutSeconds = intInRange(input.timeoutSeconds, 1, 30, 'timeout_seconds');
  if (input.status !== undefined) patch.status = oneOf(input.status, ['active', 'paused'] as const, 'status');
  if (input.payload !== undefined) patch.payload = oneOf(input.payload, ['full', 'thin'] as const, 'payload');
  if (input.retryScheduleSeconds !== undefined) patch.retryScheduleSeconds = retrySchedule(input.retryScheduleSeconds);
  if (input.ordering !== undefined) patch.ordering = oneOf(input.ordering, ['unordered', 'fifo'] as const, 'ordering');
  return patch;
}
