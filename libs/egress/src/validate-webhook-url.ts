import { InputError, UnavailableError } from '@hookline/errors';
import { isAllowedAddress, type EgressAllowList } from './allow-list';
import { classifyAddress } from './classify-address';
import { parseIpLiteral } from './ip-literal';
import { isNoAddressError, resolveHost, type HostResolver } from './resolve-host';

export const MAX_WEBHOOK_URL_LENGTH = 2048;

export interface WebhookUrlOptions {
  /** `HOOKLINE_ALLOW_INSECURE_URLS`: accept http as well as https. */
  allowInsecure: boolean;
  /** `HOOKLINE_EGRESS_ALLOW_CIDRS`: non-public ranges accepted anyway (dev and test). */
  allowList: EgressAllowList;
  /** Defaults to the system resolver (`dns.lookup`, all answers). */
  resolve?: HostResolver;
}

/**
 * Checks a webhook URL at registration and returns it normalised (WHATWG serialisation, so
 * `https://0x7f.1/` comes back as `https://127.0.0.1/`). Throws an InputError with
 * `param: 'url'` and one of these codes:
 *
 * - `url_too_long`: more than 2048 characters, before or after normalisation;
 * - `url_invalid`: not an absolute URL;
 * - `url_scheme`: not https (http only with `allowInsecure`);
 * - `url_userinfo`: credentials in the URL (`user:pass@`); endpoint auth is configured apart;
 * - `url_fragment`: a `#fragment`. It is never sent over HTTP, so one in a webhook URL is a
 *   mistake; we refuse it rather than silently store a different URL than the one given;
 * - `url_not_public`: the host is a non-public IP literal, a `localhost` name, or a name with
 *   any resolved address that is neither public nor in the allow-list.
 *
 * A name with no address (ENOTFOUND, ENODATA) is accepted: the dispatcher checks every address
 * again at connect time. Any other resolver failure is an UnavailableError (`dns_unavailable`).
 */
export async function validateWebhookUrl(raw: string, options: WebhookUrlOptions): Promise<string> {
  if (raw.length > MAX_WEBHOOK_URL_LENGTH) throw tooLong();
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InputError('url must be an absolute URL', { code: 'url_invalid', param: 'url' });
  }
  if (url.href.length > MAX_WEBHOOK_URL_LENGTH) throw tooLong();
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && options.allowInsecure)) {
    const allowed = options.allowInsecure ? 'https or http' : 'https';
    throw new InputError(`url must use ${allowed}`, { code: 'url_scheme', param: 'url' });
  }
  if (url.username !== '' || url.password !== '') {
    throw new InputError('url must not contain a user name or password', { code: 'url_userinfo', param: 'url' });
  }
  // Serialised, '#' appears only as the fragment delimiter (elsewhere it is percent-encoded).
  if (url.href.includes('#')) {
    throw new InputError('url must not contain a fragment (#...)', { code: 'url_fragment', param: 'url' });
  }
  await assertPublicHost(url.hostname, options);
  return url.href;
}

async function assertPublicHost(hostname: string, options: WebhookUrlOptions): Promise<void> {
  const literal = parseIpLiteral(hostname);
  if (literal !== null) {
    if (!isAllowedAddress(literal, options.allowList)) {
      throw notPublic(`url host ${hostname} is a ${classifyAddress(literal).range} address`);
    }
    return;
  }
  // RFC 6761: localhost names are loopback whatever DNS says, and some resolvers forward them
  // upstream. Refuse them without asking, unless loopback is allowed (dev), where they get the
  // same per-address check as every other name, as they will at connect time.
  if (isLocalhostName(hostname) && !loopbackAllowed(options.allowList)) {
    throw notPublic(`url host ${hostname} is a loopback name`);
  }
  let addresses: string[];
  try {
    addresses = await (options.resolve ?? resolveHost)(hostname);
  } catch (error) {
    if (isNoAddressError(error)) return;
    if (typeof (error as { code?: unknown } | null)?.code === 'string') {
      throw new UnavailableError(`could not resolve the url host ${hostname}; try again`, {
        code: 'dns_unavailable',
        param: 'url',
        cause: error,
      });
    }
    throw error;
  }
  // The message does not say which address or range: that would let a caller map internal DNS.
  if (addresses.some((address) => !isAllowedAddress(address, options.allowList))) {
    throw notPublic(`url host ${hostname} resolves to a non-public address`);
  }
}

function isLocalhostName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.+$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
}

function loopbackAllowed(allowList: EgressAllowList): boolean {
  return allowList.includes('127.0.0.1') || allowList.includes('::1');
}

function notPublic(message: string): InputError {
  return new InputError(`${message}; webhooks must point to public addresses`, { code: 'url_not_public', param: 'url' });
}

function tooLong(): InputError {
  return new InputError(`url must be at most ${MAX_WEBHOOK_URL_LENGTH} characters`, { code: 'url_too_long', param: 'url' });
}
