import { InputError } from '@hookline/errors';
import { validateWebhookUrl, type WebhookUrlOptions } from './validate-webhook-url';

/**
 * A relay webhook's target (`hookline listen`): `relay://<name>`. Nothing connects to it; its
 * deliveries wait for the organization's listener, which pulls them through the gateway.
 */
const RELAY_TARGET = /^relay:\/\/[a-z0-9][a-z0-9-]{0,62}$/;

export function isRelayTarget(url: string): boolean {
  return url.startsWith('relay://');
}

/**
 * A webhook's `url`: an HTTP(S) URL checked by validateWebhookUrl, or a relay target
 * (`relay://` and a name of 1–63 lower-case letters, digits or hyphens).
 */
export async function validateWebhookTarget(raw: string, options: WebhookUrlOptions): Promise<string> {
  if (!raw.toLowerCase().startsWith('relay:')) return validateWebhookUrl(raw, options);
  if (!RELAY_TARGET.test(raw)) {
    throw new InputError('a relay target is relay://<name>, the name 1-63 lower-case letters, digits or hyphens', { code: 'url_invalid', param: 'url' });
  }
  return raw;
}
