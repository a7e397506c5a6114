import ipaddr from 'ipaddr.js';
import { parseIpAddress } from './ip-literal';

export interface AddressClass {
  /** True only for global unicast addresses a webhook receiver may live at. */
  public: boolean;
  /** The special-purpose range the address falls in (`loopback`, `private`, ...), or `unicast`. */
  range: string;
}

type Cidr<T> = [T, number];

function table<T extends ipaddr.IPv4 | ipaddr.IPv6>(
  parse: (cidr: string) => Cidr<T>,
  ranges: Record<string, string[]>,
): [string, Cidr<T>[]][] {
  return Object.entries(ranges).map(([name, cidrs]) => [name, cidrs.map((cidr) => parse(cidr))]);
}

// Our own tables rather than ipaddr's `range()`: ipaddr calls `::7f00:1` (IPv4-compatible) and
// 192.175.48.0/24 "unicast", and its names and order may change between versions. First match
// wins, so narrower ranges come before the ranges that contain them. Ranges of the IANA
// special-purpose registries that are globally reachable but host only infrastructure (AS112,
// AMT relays) are refused too: no webhook receiver lives there.
const IPV4_NON_PUBLIC = table((cidr) => ipaddr.IPv4.parseCIDR(cidr), {
  unspecified: ['0.0.0.0/8'], // "this network"; 0.0.0.0 reaches the local host on Linux
  private: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'],
  carrierGradeNat: ['100.64.0.0/10'],
  loopback: ['127.0.0.0/8'],
  linkLocal: ['169.254.0.0/16'], // includes cloud metadata 169.254.169.254
  ietfProtocolAssignments: ['192.0.0.0/24'],
  documentation: ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24'],
  '6to4Relay': ['192.88.99.0/24'],
  benchmarking: ['198.18.0.0/15'],
  as112: ['192.31.196.0/24', '192.175.48.0/24'],
  amt: ['192.52.193.0/24'],
  multicast: ['224.0.0.0/4'],
  broadcast: ['255.255.255.255/32'],
  reserved: ['240.0.0.0/4'],
});

const IPV6_NON_PUBLIC = table((cidr) => ipaddr.IPv6.parseCIDR(cidr), {
  unspecified: ['::/128'],
  loopback: ['::1/128'],
  ipv4Compatible: ['::/96'], // deprecated; never a real destination
  nat64LocalUse: ['64:ff9b:1::/48'],
  discard: ['100::/64'],
  benchmarking: ['2001:2::/48'],
  orchid: ['2001:10::/28', '2001:20::/28'],
  ietfProtocolAssignments: ['2001::/23'],
  documentation: ['2001:db8::/32', '3fff::/20'],
  as112: ['2620:4f:8000::/48', '2001:4:112::/48'],
  segmentRouting: ['5f00::/16'],
  uniqueLocal: ['fc00::/7'], // includes AWS metadata fd00:ec2::254
  linkLocal: ['fe80::/10'],
  siteLocal: ['fec0::/10'],
  multicast: ['ff00::/8'],
});

const GLOBAL_UNICAST_V6: Cidr<ipaddr.IPv6> = ipaddr.IPv6.parseCIDR('2000::/3');

/**
 * Classifies an IP address (any spelling `parseIpLiteral` accepts). Only global unicast is
 * public. IPv6 forms that carry an IPv4 address the traffic ends up at (IPv4-mapped,
 * IPv4-translated, NAT64, 6to4, Teredo) are as public as the embedded address.
 * Throws a TypeError when `ip` is not an IP address.
 */
export function classifyAddress(ip: string): AddressClass {
  const address = parseIpAddress(ip);
  if (address === null) throw new TypeError(`not an IP address: "${ip}"`);
  return address.kind() === 'ipv4' ? classifyIpv4(address as ipaddr.IPv4) : classifyIpv6(address as ipaddr.IPv6);
}

function classifyIpv4(address: ipaddr.IPv4): AddressClass {
  const range = firstMatch(address, IPV4_NON_PUBLIC);
  return range === null ? { public: true, range: 'unicast' } : { public: false, range };
}

function classifyIpv6(address: ipaddr.IPv6): AddressClass {
  const embedded = embeddedIpv4(address);
  if (embedded !== null) {
    const inner = embedded.addresses.map(classifyIpv4);
    const blocking = inner.find((c) => !c.public);
    return { public: blocking === undefined, range: `${embedded.kind}:${(blocking ?? inner[0]).range}` };
  }
  const range = firstMatch(address, IPV6_NON_PUBLIC);
  if (range !== null) return { public: false, range };
  if (!address.match(GLOBAL_UNICAST_V6)) return { public: false, range: 'reserved' };
  return { public: true, range: 'unicast' };
}

const EMBEDDING_PREFIXES: [string, Cidr<ipaddr.IPv6>][] = [
  ['ipv4Mapped', ipaddr.IPv6.parseCIDR('::ffff:0:0/96')],
  ['ipv4Translated', ipaddr.IPv6.parseCIDR('::ffff:0:0:0/96')],
  ['nat64', ipaddr.IPv6.parseCIDR('64:ff9b::/96')],
  ['6to4', ipaddr.IPv6.parseCIDR('2002::/16')],
  ['teredo', ipaddr.IPv6.parseCIDR('2001::/32')],
];

/** The IPv4 addresses an IPv6 address hands traffic to, for the forms that embed one. */
function embeddedIpv4(address: ipaddr.IPv6): { kind: string; addresses: ipaddr.IPv4[] } | null {
  const p = address.parts;
  const v4 = (high: number, low: number) => new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
  const match = EMBEDDING_PREFIXES.find(([, cidr]) => address.match(cidr));
  if (match === undefined) return null;
  const kind = match[0];
  switch (kind) {
    case '6to4':
      return { kind, addresses: [v4(p[1], p[2])] };
    case 'teredo':
      // Server address in clear, client address XOR-obfuscated (RFC 4380 §4); both carry traffic.
      return { kind, addresses: [v4(p[2], p[3]), v4(p[6] ^ 0xffff, p[7] ^ 0xffff)] };
    default:
      return { kind, addresses: [v4(p[6], p[7])] };
  }
}

function firstMatch<T extends ipaddr.IPv4 | ipaddr.IPv6>(address: T, ranges: [string, Cidr<T>[]][]): string | null {
  for (const [name, cidrs] of ranges) {
    if (cidrs.some((cidr) => address.match(cidr))) return name;
  }
  return null;
}
