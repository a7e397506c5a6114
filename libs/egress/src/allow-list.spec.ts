import { EMPTY_EGRESS_ALLOW_LIST, isAllowedAddress, parseEgressAllowList } from './allow-list';

describe('parseEgressAllowList', () => {
  it('reads IPv4 and IPv6 CIDRs, normalised to their network address', () => {
    const list = parseEgressAllowList(' 127.0.0.0/8, 10.1.2.3/16 ,fd00::5/8, 192.168.1.7 ');
    expect(list.cidrs).toEqual(['127.0.0.0/8', '10.1.0.0/16', 'fd00::/8', '192.168.1.7/32']);
  });

  it('treats an empty or blank value as an empty list', () => {
    expect(parseEgressAllowList('').cidrs).toEqual([]);
    expect(parseEgressAllowList(' , ').cidrs).toEqual([]);
  });

  it.each(['10.0.0.0/33', 'fd00::/129', 'not-a-cidr', '10.0.0/8', '0x7f.0.0.0/8', '010.0.0.0/8', '10.0.0.0/', 'fe80::%eth0/64'])(
    'refuses %j, naming the bad entry',
    (entry) => {
      expect(() => parseEgressAllowList(`127.0.0.0/8,${entry}`)).toThrow(`"${entry}" is not a CIDR`);
    },
  );

  it('matches addresses inside its ranges, IPv4-mapped IPv6 as its IPv4', () => {
    const list = parseEgressAllowList('127.0.0.0/8,fd00::/8');
    expect(list.includes('127.0.0.1')).toBe(true);
    expect(list.includes('::ffff:127.0.0.1')).toBe(true);
    expect(list.includes('fd12::1')).toBe(true);
    expect(list.includes('10.0.0.1')).toBe(false);
    expect(list.includes('::1')).toBe(false);
    expect(list.includes('not an ip')).toBe(false);
  });
});

describe('isAllowedAddress', () => {
  it('allows public addresses with an empty allow-list', () => {
    expect(isAllowedAddress('93.184.216.34', EMPTY_EGRESS_ALLOW_LIST)).toBe(true);
    expect(isAllowedAddress('2606:4700:4700::1111', EMPTY_EGRESS_ALLOW_LIST)).toBe(true);
  });

  it('refuses non-public addresses unless the allow-list covers them', () => {
    expect(isAllowedAddress('127.0.0.1', EMPTY_EGRESS_ALLOW_LIST)).toBe(false);
    expect(isAllowedAddress('127.0.0.1', parseEgressAllowList('127.0.0.0/8'))).toBe(true);
    expect(isAllowedAddress('10.0.0.1', parseEgressAllowList('127.0.0.0/8'))).toBe(false);
  });

  it('refuses anything that is not an IP address', () => {
    expect(isAllowedAddress('example.com', parseEgressAllowList('0.0.0.0/0'))).toBe(false);
  });
});
