import { classifyAddress } from './classify-address';

describe('classifyAddress', () => {
  it.each([
    ['93.184.216.34', 'unicast'],
    ['8.8.8.8', 'unicast'],
    ['172.32.0.1', 'unicast'], // just past 172.16.0.0/12
    ['100.128.0.1', 'unicast'], // just past 100.64.0.0/10
    ['2606:4700:4700::1111', 'unicast'],
    ['::ffff:93.184.216.34', 'ipv4Mapped:unicast'],
    ['64:ff9b::808:808', 'nat64:unicast'],
    ['2002:5db8:d822::1', '6to4:unicast'],
  ])('%s is public (%s)', (ip, range) => {
    expect(classifyAddress(ip)).toEqual({ public: true, range });
  });

  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['169.254.169.254', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.0.8', 'ietfProtocolAssignments'],
    ['192.0.2.1', 'documentation'],
    ['198.51.100.7', 'documentation'],
    ['203.0.113.9', 'documentation'],
    ['198.18.0.1', 'benchmarking'],
    ['198.19.255.255', 'benchmarking'],
    ['192.88.99.1', '6to4Relay'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['::7f00:1', 'ipv4Compatible'],
    ['fe80::1', 'linkLocal'],
    ['fe80::1%eth0', 'linkLocal'],
    ['fc00::1', 'uniqueLocal'],
    ['fd00:ec2::254', 'uniqueLocal'],
    ['fec0::1', 'siteLocal'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'documentation'],
    ['2001:2::1', 'benchmarking'],
    ['100::1', 'discard'],
    ['64:ff9b:1::a00:1', 'nat64LocalUse'],
    ['4000::1', 'reserved'], // outside 2000::/3, the only global unicast space
    ['::ffff:127.0.0.1', 'ipv4Mapped:loopback'],
    ['::ffff:7f00:1', 'ipv4Mapped:loopback'],
    ['::ffff:169.254.169.254', 'ipv4Mapped:linkLocal'],
    ['::ffff:0:a00:1', 'ipv4Translated:private'],
    ['64:ff9b::7f00:1', 'nat64:loopback'],
    ['2002:a9fe:a9fe::', '6to4:linkLocal'],
    ['2001:0:a00:1::5db8:d822', 'teredo:private'], // Teredo server 10.0.0.1
    ['2001:0:5db8:d822:0:0:f5ff:fffe', 'teredo:private'], // client 10.0.0.1, XOR-obfuscated
    ['127.1', 'loopback'],
    ['0x7f.0.0.1', 'loopback'],
  ])('%s is not public (%s)', (ip, range) => {
    expect(classifyAddress(ip)).toEqual({ public: false, range });
  });

  it('throws on something that is not an IP address', () => {
    expect(() => classifyAddress('example.com')).toThrow(TypeError);
  });
});
