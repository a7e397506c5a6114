import { z } from 'zod';
import { MAX_RETRY_DELAY_SECONDS, MAX_RETRY_STEPS } from '../webhook-rules/webhook-rules';

// How an organization's deliveries look on the wire (DESIGN §3), declared once: the gateway
// validates the operator's JSON with `wireProfileSchema`, the registry stores and checks it again,
// the dispatcher builds headers, signature and envelope from it.

export const WIRE_PROFILE_NAMES = ['standard-webhooks', 'hmac-hex'] as const;
export type WireProfileName = (typeof WIRE_PROFILE_NAMES)[number];

/** The envelope's field names, and fixed fields added to every envelope of the organization. */
export interface EnvelopeMapping {
  typeField: string;
  idField: string;
  timestampField: string;
  dataField: string;
  fixedFields: Record<string, string>;
}

export interface WireProfile {
  name: WireProfileName;
  /** hmac-hex: `X-<brand>-Signature`, `X-<brand>-Event`, `X-<brand>-Delivery`. */
  brand: string;
  /** '' = Hookline's own `User-Agent`. */
  userAgent: string;
  /** null = the standard envelope (`id`, `object`, `type`, `source`, `time`, `is_test`, `data`). */
  envelope: EnvelopeMapping | null;
  /** '' = the platform's test type. */
  testEventType: string;
  /** Empty = the platform's default schedule. */
  retryScheduleSeconds: number[];
}

export const STANDARD_WEBHOOKS_PROFILE: WireProfile = {
  name: 'standard-webhooks',
  brand: '',
  userAgent: '',
  envelope: null,
  testEventType: '',
  retryScheduleSeconds: [],
};

const FIELD_NAME = /^[a-z_][a-z0-9_]{0,63}$/;
const fieldName = z.string().regex(FIELD_NAME, 'must be a lower-case JSON field name ([a-z_][a-z0-9_]*, at most 64)');
/** Printable ASCII: it travels in an HTTP header. */
const headerText = (max: number) => z.string().max(max).regex(/^[\x20-\x7e]*$/, 'must be printable ASCII');

/** The REST shape (snake_case), as the operator writes it. */
export const wireProfileSchema = z
  .strictObject({
    name: z.enum(WIRE_PROFILE_NAMES).describe('`standard-webhooks` (the default) or `hmac-hex` (`X-<Brand>-Signature: sha256=<hex>` over the raw body).'),
    brand: z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,31}$/, 'must be 1–32 letters and digits, starting with a letter').optional().describe('hmac-hex: the brand in `X-<Brand>-Signature` and `X-<Brand>-Event`.'),
    user_agent: headerText(200).optional().describe('The `User-Agent` of every delivery; omit for Hookline’s own.'),
    envelope: z
      .strictObject({
        type: fieldName.default('type'),
        id: fieldName.default('id'),
        timestamp: fieldName.default('time'),
        data: fieldName.default('data'),
        fixed: z.record(fieldName, headerText(200)).optional().describe('Fields added to every envelope, e.g. `{"environment_id":"env_1"}`.'),
      })
      .optional()
      .describe('Rename the envelope’s fields and add fixed ones; omit for the standard envelope.'),
    test_event_type: z.string().regex(/^[a-z0-9_]+(\.[a-z0-9_]+)+$/, 'must be a dot-separated event type').max(100).optional(),
    retry_schedule_seconds: z.array(z.number().int().min(1).max(MAX_RETRY_DELAY_SECONDS)).max(MAX_RETRY_STEPS).optional(),
  })
  .superRefine((profile, ctx) => {
    if (profile.name === 'hmac-hex' && !profile.brand) ctx.addIssue({ code: 'custom', path: ['brand'], message: 'hmac-hex needs a brand (X-<Brand>-Signature)' });
    const envelope = profile.envelope;
    if (!envelope) return;
    const mapped = [envelope.type, envelope.id, envelope.timestamp, envelope.data];
    if (new Set(mapped).size !== mapped.length) ctx.addIssue({ code: 'custom', path: ['envelope'], message: 'the type, id, timestamp and data fields must have different names' });
    const fixed = Object.keys(envelope.fixed ?? {});
    if (fixed.length > 10) ctx.addIssue({ code: 'custom', path: ['envelope', 'fixed'], message: 'at most 10 fixed fields' });
    for (const key of fixed) {
      if (mapped.includes(key)) ctx.addIssue({ code: 'custom', path: ['envelope', 'fixed', key], message: `fixed field ${key} would replace a mapped field` });
    }
  });

export type WireProfileJson = z.input<typeof wireProfileSchema>;

/** The operator's JSON → the profile; throws a ZodError naming the path of the first problem. */
export function wireProfileFromJson(json: unknown): WireProfile {
  const parsed = wireProfileSchema.parse(json);
  const e = parsed.envelope;
  return {
    name: parsed.name,
    brand: parsed.brand ?? '',
    userAgent: parsed.user_agent ?? '',
    envelope: e ? { typeField: e.type, idField: e.id, timestampField: e.timestamp, dataField: e.data, fixedFields: e.fixed ?? {} } : null,
    testEventType: parsed.test_event_type ?? '',
    retryScheduleSeconds: parsed.retry_schedule_seconds ?? [],
  };
}

/** The profile → the REST shape (what `wireProfileFromJson` reads back unchanged). */
export function wireProfileToJson(profile: WireProfile): WireProfileJson {
  const e = profile.envelope;
  return {
    name: profile.name,
    ...(profile.brand ? { brand: profile.brand } : {}),
    ...(profile.userAgent ? { user_agent: profile.userAgent } : {}),
    ...(e ? { envelope: { type: e.typeField, id: e.idField, timestamp: e.timestampField, data: e.dataField, fixed: e.fixedFields } } : {}),
    ...(profile.testEventType ? { test_event_type: profile.testEventType } : {}),
    ...(profile.retryScheduleSeconds.length > 0 ? { retry_schedule_seconds: profile.retryScheduleSeconds } : {}),
  };
}
