import { parseIpLiteral } from './ip-literal';

describe('parseIpLiteral', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['127.1', '127.0.0.1'],
    ['127.0.1', '127.0.0.1'],
    ['2130706433', '127.0.0.1'],
    ['0x7f000001', '127.0.0.1'],
    ['0X7F.0.0.1', '127.0.0.1'],
    ['0x7f.1', '127.0.0.1'],
    ['0177.0.0.1', '127.0.0.1'],
    ['017700000001', '127.0.0.1'],
    ['127.0.0.1.', '127.0.0.1'],
    ['0', '0.0.0.0'],
    ['0x', '0.0.0.0'],
    ['169.254.43518', '169.254.169.254'],
    ['[::1]', '::1'],
    ['::1', '::1'],
    ['[::ffff:127.0.0.1]', '::ffff:7f00:1'],
    ['[FD00:EC2::254]', 'fd00:ec2::254'],
  ])('reads %s as %s, as a URL parser or the C resolver would', (host, expected) => {
    expect(parseIpLiteral(host)).toBe(expected);
  });

  it('agrees with the WHATWG URL parser on IPv4 hosts', () => {
    for (const host of ['0x7f.1', '2130706433', '0177.0.0.1', '127.1', '1.2.65535', '4294967295']) {
      expect(parseIpLiteral(host)).toBe(new URL(`http://${host}/`).hostname);
    }
  });

  it.each([
    'example.com',
    'localhost',
    '1.2.3.4.5',
    '1.2.3.256',
    '1.2.3.09', // 0-prefixed is octal, and 9 is not an octal digit
    '256.1.1.1',
    '4294967296',
    '1..2',
    '',
    '[127.0.0.1]',
    '[::1',
    ':::',
    '0x7g.0.0.1',
  ])('returns null for %j, which is not an IP literal', (host) => {
    expect(parseIpLiteral(host)).toBeNull();
  });
});
