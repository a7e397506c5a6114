import ipaddr from 'ipaddr.js';

/**
 * Recognises an IP literal in any spelling a URL parser or the C resolver accepts and returns it
 * in canonical form (`127.0.0.1`, `::ffff:7f00:1`), or null when `host` is not an IP literal.
 *
 * IPv4 follows the WHATWG URL "IPv4 parser": one to four dot-separated parts, each decimal,
 * `0x` hex or `0`-prefixed octal, the last part filling the remaining bytes (`127.1`,
 * `2130706433`, `0x7f.0.0.1`, `0177.0.0.1`), one trailing dot allowed. `new URL()` already
 * normalises IPv4 hosts this way; this function also covers raw hosts that never went through it.
 * IPv6 may be bracketed (`[::1]`, as in a URL) or bare.
 */
export function parseIpLiteral(host: string): string | null {
  const address = parseIpAddress(host);
  return address === null ? null : address.toString();
}

/** As `parseIpLiteral`, returning the parsed address for classification. */
export function parseIpAddress(host: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const bracketed = host.startsWith('[') && host.endsWith(']');
  const candidate = bracketed ? host.slice(1, -1) : host;
  if (candidate.includes(':')) {
    return ipaddr.IPv6.isValid(candidate) ? ipaddr.IPv6.parse(candidate) : null;
  }
  if (bracketed) return null;
  const value = parseWhatwgIpv4(candidate);
  if (value === null) return null;
  return new ipaddr.IPv4([value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff]);
}

/** The WHATWG URL IPv4 parser (https://url.spec.whatwg.org/#concept-ipv4-parser), as a number. */
function parseWhatwgIpv4(input: string): number | null {
  const parts = input.split('.');
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  if (parts.length > 4) return null;
  const numbers: number[] = [];
  for (const part of parts) {
    const n = parseIpv4Number(part);
    if (n === null) return null;
    numbers.push(n);
  }
  const last = numbers.pop() as number;
  if (numbers.some((n) => n > 255)) return null;
  if (last >= 256 ** (4 - numbers.length)) return null;
  return numbers.reduce((sum, n, i) => sum + n * 256 ** (3 - i), last);
}

function parseIpv4Number(part: string): number | null {
  if (part === '') return null;
  let digits = part;
  let radix = 10;
  if (/^0x/i.test(digits)) {
    digits = digits.slice(2);
    radix = 16;
  } else if (digits.length > 1 && digits.startsWith('0')) {
    digits = digits.slice(1);
    radix = 8;
  }
  if (digits === '') return 0;
  const valid = radix === 16 ? /^[0-9a-f]+$/i : radix === 8 ? /^[0-7]+$/ : /^[0-9]+$/;
  if (!valid.test(digits)) return null;
  // Parts beyond 2^32 only need to compare as "too big"; Number keeps that comparison exact enough.
  return parseInt(digits, radix);
}
