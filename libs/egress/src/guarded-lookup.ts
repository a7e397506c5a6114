import type { LookupAddress, LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { isAllowedAddress, type EgressAllowList } from './allow-list';
import { classifyAddress } from './classify-address';
import { EgressBlockedError } from './egress-blocked-error';
import { parseIpLiteral } from './ip-literal';
import { resolveHost, type HostResolver } from './resolve-host';

export interface GuardedLookupOptions {
  /** Defaults to the system resolver (`dns.lookup`, all answers). */
  resolve?: HostResolver;
}

/**
 * A `lookup` for `net.connect`, `tls.connect` and undici's `connect` option that resolves the
 * host, fails with EgressBlockedError (`code: 'SSRF_BLOCKED'`) if ANY answer is neither public
 * nor allowed, and otherwise hands back exactly the addresses it checked, so the socket goes to
 * a checked address however DNS answers next time (DNS rebinding).
 *
 * Node does not call `lookup` when the host is already an IP literal (`https://127.0.0.1/`):
 * wrap the connector with `guardConnector` (or check such hosts with `isAllowedAddress`).
 */
export function createGuardedLookup(allowList: EgressAllowList, options: GuardedLookupOptions = {}): LookupFunction {
  const resolve = options.resolve ?? resolveHost;
  return (hostname, lookupOptions, callback) => {
    checkedAddresses(hostname, allowList, resolve).then(
      (addresses) => {
        const wanted = familyOf(lookupOptions?.family);
        const usable = addresses.filter((a) => wanted === 0 || a.family === wanted);
        if (usable.length === 0) return callback(notFound(hostname), lookupOptions?.all ? [] : '');
        if (lookupOptions?.all) return callback(null, usable);
        callback(null, usable[0].address, usable[0].family);
      },
      (error: NodeJS.ErrnoException) => callback(error, lookupOptions?.all ? [] : ''),
    );
  };
}

async function checkedAddresses(
  hostname: string,
  allowList: EgressAllowList,
  resolve: HostResolver,
): Promise<LookupAddress[]> {
  const literal = parseIpLiteral(hostname);
  const answers = literal !== null ? [literal] : await resolve(hostname);
  // Every answer, not only the one we will use: a mixed answer is how rebinding attacks look.
  for (const address of answers) {
    if (!isAllowedAddress(address, allowList)) {
      const range = parseIpLiteral(address) === null ? 'invalid' : classifyAddress(address).range;
      throw new EgressBlockedError(hostname, address, range);
    }
  }
  return answers.map((address) => {
    const canonical = parseIpLiteral(address) as string;
    return { address: canonical, family: canonical.includes(':') ? 6 : 4 };
  });
}

function familyOf(family: LookupOptions['family']): 0 | 4 | 6 {
  if (family === 4 || family === 'IPv4') return 4;
  if (family === 6 || family === 'IPv6') return 6;
  return 0;
}

function notFound(hostname: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
    code: 'ENOTFOUND',
    syscall: 'getaddrinfo',
    hostname,
  });
}

/**
 * Wraps a connector (undici's `buildConnector(...)` result, or any `(options, callback)` function
 * whose options carry `hostname`) so that IP-literal hosts, which never reach `lookup`, get the
 * same check: a refused one fails with EgressBlockedError before any socket is opened.
 */
export function guardConnector<O extends { hostname: string }, C extends (error: Error, socket: null) => void, R>(
  connect: (options: O, callback: C) => R,
  allowList: EgressAllowList,
): (options: O, callback: C) => R | undefined {
  return (options, callback) => {
    const literal = parseIpLiteral(options.hostname);
    if (literal !== null && !isAllowedAddress(literal, allowList)) {
      const error = new EgressBlockedError(literal, literal, classifyAddress(literal).range);
      // Asynchronously, as a real connection failure would be.
      process.nextTick(() => callback(error, null));
      return undefined;
    }
    return connect(options, callback);
  };
}
