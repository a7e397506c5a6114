import type { WebhookEvent } from '../client/resources';
import { verificationKey, type VerificationKey } from './verification-key';

export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

export interface VerifyOptions {
  /** How far `webhook-timestamp` may be from now, either way (default 300 s, as Standard Webhooks suggests). */
  toleranceSeconds?: number;
  /** Unix seconds now (default the clock). */
  now?: number;
}

export type VerificationFailure = 'missing_header' | 'timestamp_invalid' | 'timestamp_too_old' | 'timestamp_too_new' | 'no_matching_signature';

export class WebhookVerificationError extends Error {
  override readonly name = 'WebhookVerificationError';

  constructor(
    readonly reason: VerificationFailure,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Checks a delivery the way a receiver must: the `webhook-timestamp` within the tolerance, and at
 * least one `webhook-signature` token made by one of `keys` over `{webhook-id}.{timestamp}.{body}`.
 * `keys` are what the API handed out: `whsec_…` (`v1`), `whpk_…` (`v1a`), PEM (`v1e`); pass the old
 * and the new one while you rotate. `body` must be the raw bytes received, before any JSON parsing.
 * Returns the parsed event; throws `WebhookVerificationError` otherwise.
 */
export function verify(body: string | Uint8Array, headers: WebhookHeaders, keys: string | readonly string[], options: VerifyOptions = {}): WebhookEvent {
  checkSignature(body, headers, keys, options);
  return JSON.parse(typeof body === 'string' ? body : Buffer.from(body).toString('utf8')) as WebhookEvent;
}

/** `verify()` without parsing the body: throws `WebhookVerificationError`, or returns when the request is genuine. */
export function checkSignature(body: string | Uint8Array, headers: WebhookHeaders, keys: string | readonly string[], options: VerifyOptions = {}): void {
  const verifiers = (typeof keys === 'string' ? [keys] : keys).map(verificationKey);
  const id = header(headers, 'webhook-id');
  const timestamp = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  if (!/^\d{1,12}$/.test(timestamp)) throw new WebhookVerificationError('timestamp_invalid', 'webhook-timestamp is not unix seconds');
  const now = options.now ?? Math.floor(Date.now() / 1000);
  const tolerance = options.toleranceSeconds ?? 300;
  if (Number(timestamp) < now - tolerance) throw new WebhookVerificationError('timestamp_too_old', `webhook-timestamp is more than ${tolerance} s old`);
  if (Number(timestamp) > now + tolerance) throw new WebhookVerificationError('timestamp_too_new', `webhook-timestamp is more than ${tolerance} s in the future`);

  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body);
  const content = Buffer.concat([Buffer.from(`${id}.${timestamp}.`, 'utf8'), bytes]);
  if (!signatures.split(' ').some((token) => matchesAny(token, content, verifiers))) {
    throw new WebhookVerificationError('no_matching_signature', 'no webhook-signature token verifies with the given keys');
  }
}

function matchesAny(token: string, content: Buffer, verifiers: VerificationKey[]): boolean {
  const comma = token.indexOf(',');
  if (comma < 0) return false;
  const version = token.slice(0, comma);
  const encoded = token.slice(comma + 1);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) return false;
  const signature = Buffer.from(encoded, 'base64');
  return verifiers.some((key) => key.version === version && key.matches(content, signature));
}

function header(headers: WebhookHeaders, name: string): string {
  const raw =
    typeof (headers as Headers).get === 'function'
      ? (headers as Headers).get(name)
      : Object.entries(headers as Record<string, string | string[] | undefined>).find(([key]) => key.toLowerCase() === name)?.[1];
  const value = Array.isArray(raw) ? raw.join(' ') : raw;
  if (!value) throw new WebhookVerificationError('missing_header', `the request has no ${name} header`);
  return value;
}
