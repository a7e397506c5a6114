import { InputError } from '@hookline/errors';
import { validateWebhookTarget, type WebhookUrlOptions } from '@hookline/egress';
import type { SignatureScheme } from '@hookline/signing';
import type { EntityManager } from '@hookline/db';
import { isGroupSubscription, unknownEventTypes } from '../event-types/catalog';
import { checkRule } from './check-rule';
import { payloadFilter } from './validate-filter';
import { validateAuth, type AuthInput } from './validate-auth';
import type { WebhookPatch, WebhookSpec } from '../model/webhook';

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
  /** JSON; undefined or '' = no filter. */
  filterJson?: string;
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
  /** JSON; '' removes the filter. */
  filterJson?: string;
}

export interface ValidationContext {
  /** Reads the event-type catalog. */
  em: EntityManager;
  urlOptions: WebhookUrlOptions;
}

// Field rules come from @hookline/contract (the gateway checks the same ones early); what needs
// state or DNS is checked here.

function name(value: string): string {
  return checkRule('name', value.trim());
}

function description(value: string, allowEmpty: boolean): string {
  const trimmed = value.trim();
  if (trimmed === '' && allowEmpty) return '';
  return checkRule('description', trimmed);
}

async function eventTypes(em: EntityManager, types: string[]): Promise<string[]> {
  types.forEach((type, i) => checkRule('event_types[]', type, `event_types[${i}]`));
  checkRule('event_types', types);
  const unique = [...new Set(types)];
  const unknown = await unknownEventTypes(em, unique);
  if (unknown.length > 0) {
    const what = isGroupSubscription(unknown[0]) ? 'event type group' : 'event type';
    throw new InputError(`unknown ${what} ${unknown[0]}`, {
      code: 'event_type_unknown',
      param: `event_types[${types.indexOf(unknown[0])}]`,
      details: { unknown },
    });
  }
  return unique;
}

/** Every rule of DESIGN §4 for a new webhook, in field order; returns it normalised with defaults. */
export async function validateCreate(input: CreateWebhookInput, ctx: ValidationContext): Promise<WebhookSpec> {
  const spec: WebhookSpec = {
    name: name(input.name ?? ''),
    description: input.description === undefined ? '' : description(input.description, false),
    url: await validateWebhookTarget(input.url ?? '', ctx.urlOptions),
    eventTypes: input.eventTypes === undefined ? [] : await eventTypes(ctx.em, input.eventTypes),
    auth: await validateAuth(input.auth, ctx.urlOptions),
    rateLimitRps: checkRule('rate_limit_rps', input.rateLimitRps ?? 10),
    timeoutSeconds: checkRule('timeout_seconds', input.timeoutSeconds ?? 15),
    payload: checkRule('payload', (input.payload ?? 'full') as WebhookSpec['payload']),
    signatureScheme: checkRule('signature_scheme', (input.signatureScheme ?? 'hmac-sha256') as SignatureScheme),
    retryScheduleSeconds: checkRule('retry_schedule_seconds', input.retryScheduleSeconds ?? []),
    ordering: checkRule('ordering', (input.ordering ?? 'unordered') as WebhookSpec['ordering']),
    filter: input.filterJson ? payloadFilter(input.filterJson) : null,
  };
  return spec;
}

/** The same rules for the fields a PATCH sets. */
export async function validatePatch(input: UpdateWebhookInput, ctx: ValidationContext): Promise<WebhookPatch> {
  const patch: WebhookPatch = {};
  if (input.name !== undefined) patch.name = name(input.name);
  if (input.description !== undefined) patch.description = description(input.description, true);
  if (input.url !== undefined) patch.url = await validateWebhookTarget(input.url, ctx.urlOptions);
  if (input.allEventTypes) patch.eventTypes = [];
  else if (input.eventTypes !== undefined) patch.eventTypes = await eventTypes(ctx.em, input.eventTypes);
  if (input.auth !== undefined) patch.auth = await validateAuth(input.auth, ctx.urlOptions);
  if (input.rateLimitRps !== undefined) patch.rateLimitRps = checkRule('rate_limit_rps', input.rateLimitRps);
  if (input.timeoutSeconds !== undefined) patch.timeoutSeconds = checkRule('timeout_seconds', input.timeoutSeconds);
  if (input.status !== undefined) patch.status = checkRule('status', input.status as 'active' | 'paused');
  if (input.payload !== undefined) patch.payload = checkRule('payload', input.payload as WebhookSpec['payload']);
  if (input.retryScheduleSeconds !== undefined) patch.retryScheduleSeconds = checkRule('retry_schedule_seconds', input.retryScheduleSeconds);
  if (input.ordering !== undefined) patch.ordering = checkRule('ordering', input.ordering as WebhookSpec['ordering']);
  if (input.filterJson !== undefined) patch.filter = input.filterJson === '' ? null : payloadFilter(input.filterJson);
  return patch;
}
