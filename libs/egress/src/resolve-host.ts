import { promises as dns } from 'node:dns';

/**
 * Answers every address a host name resolves to (A and AAAA). Rejects with the resolver's
 * error, whose `code` is `ENOTFOUND` or `ENODATA` when the name has no addresses.
 * Injectable so tests can answer without DNS, or answer differently on each call.
 */
export type HostResolver = (hostname: string) => Promise<string[]>;

/**
 * The system resolver, as the connection itself would use it: getaddrinfo, so /etc/hosts and
 * nsswitch count, in the order the system returns them.
 */
export const resolveHost: HostResolver = async (hostname) => {
  const answers = await dns.lookup(hostname, { all: true, verbatim: true });
  return answers.map((answer) => answer.address);
};

const NO_ADDRESS_CODES = new Set(['ENOTFOUND', 'ENODATA']);

/** True when a resolver error means "this name has no address", as opposed to a failed lookup. */
export function isNoAddressError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && NO_ADDRESS_CODES.has(code);
}
