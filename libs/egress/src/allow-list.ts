import ipaddr from 'ipaddr.js';
import { classifyAddress } from './classify-address';
import { parseIpAddress } from './ip-literal';

/** Non-public ranges the platform may still reach (`HOOKLINE_EGRESS_ALLOW_CIDRS`), for dev and test. */
export interface EgressAllowList {
  /** The configured ranges, normalised to their network address (`127.0.0.0/8`). */
  readonly cidrs: readonly string[];
  /** True when `ip` lies inside one of the ranges. An IPv4-mapped IPv6 address matches as its IPv4. */
  includes(ip: string): boolean;
}

/**
 * Parses a comma-separated list of CIDRs, IPv4 (four-part decimal) or IPv6. A bare address means
 * that single host; blank entries are ignored, so an empty string is an empty list. Throws an
 * Error naming the first bad entry.
 */
export function parseEgressAllowList(cidrs: string): EgressAllowList {
  const ranges = cidrs
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map(parseCidr);
  return Object.freeze({
    cidrs: Object.freeze(ranges.map(([network, bits]) => `${network.toString()}/${bits}`)),
    includes(ip: string): boolean {
      const address = parseIpAddress(ip);
      if (address === null) return false;
      const candidates: (ipaddr.IPv4 | ipaddr.IPv6)[] = [address];
      if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()) {
        candidates.push((address as ipaddr.IPv6).toIPv4Address());
      }
      return ranges.some((range) => candidates.some((c) => c.kind() === range[0].kind() && c.match(range)));
    },
  });
}

/** An allow-list that allows nothing beyond public addresses (the production default). */
export const EMPTY_EGRESS_ALLOW_LIST: EgressAllowList = parseEgressAllowList('');

/** True when `ip` is a public address or lies inside the allow-list. False for anything not an IP. */
export function isAllowedAddress(ip: string, allowList: EgressAllowList): boolean {
  if (parseIpAddress(ip) === null) return false;
  return classifyAddress(ip).public || allowList.includes(ip);
}

function parseCidr(entry: string): [ipaddr.IPv4 | ipaddr.IPv6, number] {
  const withPrefix = entry.includes('/') ? entry : `${entry}/${entry.includes(':') ? 128 : 32}`;
  // Only plain spellings in configuration: `0x7f.1/8` is valid to ipaddr but surely a typo.
  const valid = withPrefix.includes(':')
    ? ipaddr.IPv6.isValidCIDR(withPrefix) && !withPrefix.includes('%')
    : ipaddr.IPv4.isValidCIDRFourPartDecimal(withPrefix);
  if (!valid) {
    throw new Error(
      `egress allow-list: "${entry}" is not a CIDR (expected a comma-separated list such as "127.0.0.0/8,fd00::/8")`,
    );
  }
  const [, bits] = ipaddr.parseCIDR(withPrefix);
  const network = withPrefix.includes(':')
    ? ipaddr.IPv6.networkAddressFromCIDR(withPrefix)
    : ipaddr.IPv4.networkAddressFromCIDR(withPrefix);
  return [network, bits];
}
