import { InputError, UnavailableError } from '@hookline/errors';
import { EMPTY_EGRESS_ALLOW_LIST, parseEgressAllowList } from './allow-list';
import type { HostResolver } from './resolve-host';
import { validateWebhookUrl, type WebhookUrlOptions } from './validate-webhook-url';

function dnsError(code: string): Error {
  return Object.assign(new Error(`getaddrinfo ${code}`), { code });
}

/** A fake DNS: known names answer from the table, others do not exist. */
function fakeDns(table: Record<string, string[]>): jest.Mock<ReturnType<HostResolver>, Parameters<HostResolver>> {
  return jest.fn(async (hostname: string) => {
    const answers = table[hostname];
    if (answers === undefined) throw dnsError('ENOTFOUND');
    return answers;
  });
}

const DNS = {
  'example.com': ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'],
  'internal.example': ['10.0.0.5'],
  'mixed.example': ['93.184.216.34', '10.0.0.5'],
  'metadata.example': ['fd00:ec2::254'],
  'mapped.example': ['::ffff:127.0.0.1'],
  'rebind.example': ['169.254.169.254'],
  'localhost-alias.example': ['127.0.0.1'],
};

async function refusal(url: string, options: Partial<WebhookUrlOptions> = {}): Promise<InputError> {
  const error = await validateWebhookUrl(url, {
    allowInsecure: false,
    allowList: EMPTY_EGRESS_ALLOW_LIST,
    resolve: fakeDns(DNS),
    ...options,
  }).then(
    (accepted) => {
      throw new Error(`expected ${url} to be refused, but it was accepted as ${accepted}`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  expect((error as InputError).param).toBe('url');
  return error as InputError;
}

describe('validateWebhookUrl refuses hosts that are not public', () => {
  // Every spelling of loopback, metadata and private space a URL parser or resolver accepts.
  const ssrfTable: [string, string][] = [
    ['https://127.0.0.1/', 'loopback'],
    ['https://127.1/', 'loopback, short form'],
    ['https://127.0.1/', 'loopback, three-part form'],
    ['https://2130706433/', 'loopback, one decimal number'],
    ['https://0x7f000001/', 'loopback, one hex number'],
    ['https://0x7f.0.0.1/', 'loopback, hex first octet'],
    ['https://0177.0.0.1/', 'loopback, octal first octet'],
    ['https://017700000001/', 'loopback, one octal number'],
    ['https://127.0.0.1./', 'loopback, trailing dot'],
    ['https://%31%32%37.0.0.1/', 'loopback, percent-encoded'],
    ['https://\uff11\uff12\uff17.\uff10.\uff10.\uff11/', 'loopback, full-width digits'],
    ['https://[::1]/', 'IPv6 loopback'],
    ['https://[0:0:0:0:0:0:0:1]/', 'IPv6 loopback, long form'],
    ['https://[::ffff:127.0.0.1]/', 'IPv4-mapped loopback'],
    ['https://[::ffff:7f00:1]/', 'IPv4-mapped loopback, hex'],
    ['https://[::127.0.0.1]/', 'IPv4-compatible loopback'],
    ['https://localhost/', 'localhost'],
    ['https://LOCALHOST./', 'localhost, upper case with trailing dot'],
    ['https://foo.localhost/', 'a localhost subdomain'],
    ['https://localhost:8443/hook', 'localhost with a port'],
    ['https://169.254.169.254/latest/meta-data/', 'cloud metadata'],
    ['https://[::ffff:a9fe:a9fe]/', 'cloud metadata, IPv4-mapped'],
    ['https://[fd00:ec2::254]/', 'AWS IPv6 metadata'],
    ['https://100.64.0.1/', 'carrier-grade NAT'],
    ['https://10.0.0.1/', 'private 10/8'],
    ['https://172.16.0.1/', 'private 172.16/12'],
    ['https://172.31.255.255/', 'private 172.16/12, top'],
    ['https://192.168.1.1/', 'private 192.168/16'],
    ['https://0.0.0.0/', 'unspecified'],
    ['https://0/', 'unspecified, one number'],
    ['https://[::]/', 'IPv6 unspecified'],
    ['https://224.0.0.1/', 'multicast'],
    ['https://[ff02::1]/', 'IPv6 multicast'],
    ['https://255.255.255.255/', 'broadcast'],
    ['https://240.0.0.1/', 'reserved'],
    ['https://[fe80::1]/', 'IPv6 link-local'],
    ['https://[fc00::1]/', 'IPv6 unique-local'],
    ['https://198.18.0.1/', 'benchmarking'],
    ['https://192.0.0.8/', 'IETF protocol assignments'],
    ['https://192.0.2.1/', 'documentation'],
    ['https://[2001:db8::1]/', 'IPv6 documentation'],
    ['https://[64:ff9b::a00:1]/', 'NAT64 of 10.0.0.1'],
    ['https://[2002:a9fe:a9fe::]/', '6to4 of 169.254.169.254'],
    ['https://[2001:0:5db8:d822::f5ff:fffe]/', 'Teredo with client 10.0.0.1'],
    ['https://internal.example/', 'a name resolving to 10.0.0.5'],
    ['https://mixed.example/', 'a name resolving to one public and one private address'],
    ['https://metadata.example/', 'a name resolving to fd00:ec2::254'],
    ['https://mapped.example/', 'a name resolving to ::ffff:127.0.0.1'],
    ['https://rebind.example/', 'a name resolving to 169.254.169.254'],
  ];

  it.each(ssrfTable)('%s (%s) is refused with url_not_public', async (url) => {
    expect((await refusal(url)).code).toBe('url_not_public');
  });

  it('covers at least 35 hostile URLs', () => {
    expect(ssrfTable.length).toBeGreaterThanOrEqual(35);
  });

  it('refuses IP literals and localhost names without asking DNS', async () => {
    const resolve = fakeDns({ localhost: ['93.184.216.34'], 'foo.localhost': ['93.184.216.34'] });
    for (const url of ['https://127.1/', 'https://[::1]/', 'https://localhost/', 'https://foo.localhost/']) {
      expect((await refusal(url, { resolve })).code).toBe('url_not_public');
    }
    expect(resolve).not.toHaveBeenCalled();
  });

  it('refuses http loopback even when http is allowed', async () => {
    expect((await refusal('http://127.0.0.1:8080/', { allowInsecure: true })).code).toBe('url_not_public');
  });

  it('says which range a literal is in, but not what a name resolves to', async () => {
    expect((await refusal('https://169.254.169.254/')).message).toContain('linkLocal');
    const message = (await refusal('https://internal.example/')).message;
    expect(message).toContain('internal.example');
    expect(message).not.toContain('10.0.0.5');
  });
});

describe('validateWebhookUrl accepts public hosts', () => {
  const options = (overrides: Partial<WebhookUrlOptions> = {}): WebhookUrlOptions => ({
    allowInsecure: false,
    allowList: EMPTY_EGRESS_ALLOW_LIST,
    resolve: fakeDns(DNS),
    ...overrides,
  });

  it('accepts a public IP literal', async () => {
    await expect(validateWebhookUrl('https://93.184.216.34/hook', options())).resolves.toBe('https://93.184.216.34/hook');
    await expect(validateWebhookUrl('https://[2606:4700::1111]/', options())).resolves.toBe('https://[2606:4700::1111]/');
  });

  it('accepts a name whose every address is public', async () => {
    await expect(validateWebhookUrl('https://example.com/hooks?x=1', options())).resolves.toBe('https://example.com/hooks?x=1');
  });

  it.each(['ENOTFOUND', 'ENODATA'])('accepts a name that does not resolve (%s); connect time guards it', async (code) => {
    const resolve = jest.fn(async () => {
      throw dnsError(code);
    });
    await expect(validateWebhookUrl('https://not-yet.example/', options({ resolve }))).resolves.toBe('https://not-yet.example/');
    expect(resolve).toHaveBeenCalledWith('not-yet.example');
  });

  it('reports a failing resolver as unavailable rather than accepting or refusing', async () => {
    const resolve = jest.fn(async () => {
      throw dnsError('EAI_AGAIN');
    });
    const error = await validateWebhookUrl('https://example.com/', options({ resolve })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error).toMatchObject({ code: 'dns_unavailable', param: 'url' });
  });

  it('returns the URL normalised', async () => {
    await expect(validateWebhookUrl('HTTPS://Example.COM:443/a/../b', options())).resolves.toBe('https://example.com/b');
  });

  it('accepts loopback inside the allow-list, literal or by name', async () => {
    const allowList = parseEgressAllowList('127.0.0.0/8');
    const dev = options({ allowInsecure: true, allowList, resolve: fakeDns({ localhost: ['127.0.0.1'] }) });
    await expect(validateWebhookUrl('http://127.0.0.1:3000/hook', dev)).resolves.toBe('http://127.0.0.1:3000/hook');
    await expect(validateWebhookUrl('http://localhost:3000/hook', dev)).resolves.toBe('http://localhost:3000/hook');
  });

  it('still checks each address of a localhost name when loopback is allowed', async () => {
    // ::1 is outside 127.0.0.0/8, and the dispatcher would refuse it at connect time.
    const resolve = fakeDns({ localhost: ['127.0.0.1', '::1'] });
    const allowList = parseEgressAllowList('127.0.0.0/8');
    expect((await refusal('https://localhost/', { allowList, resolve })).code).toBe('url_not_public');
  });
});

describe('validateWebhookUrl checks the shape of the URL', () => {
  const options: WebhookUrlOptions = { allowInsecure: false, allowList: EMPTY_EGRESS_ALLOW_LIST, resolve: fakeDns(DNS) };

  it.each(['', 'not a url', '/relative/path', 'example.com/hook', 'https://', 'https://exa mple.com/', 'https://1.2.3.256/'])(
    '%j is url_invalid',
    async (url) => {
      expect((await refusal(url, options)).code).toBe('url_invalid');
    },
  );

  it.each(['http://example.com/', 'ftp://example.com/', 'javascript:alert(1)', 'file:///etc/passwd', 'ws://example.com/'])(
    '%s is url_scheme without allowInsecure',
    async (url) => {
      expect((await refusal(url, options)).code).toBe('url_scheme');
    },
  );

  it('allows http only with allowInsecure', async () => {
    await expect(validateWebhookUrl('http://example.com/', { ...options, allowInsecure: true })).resolves.toBe('http://example.com/');
    expect((await refusal('ftp://example.com/', { ...options, allowInsecure: true })).code).toBe('url_scheme');
  });

  it.each(['https://user:pass@example.com/', 'https://user@example.com/', 'https://:pass@example.com/'])(
    '%s is url_userinfo',
    async (url) => {
      expect((await refusal(url, options)).code).toBe('url_userinfo');
    },
  );

  it.each(['https://example.com/#section', 'https://example.com/#'])('%s is url_fragment', async (url) => {
    expect((await refusal(url, options)).code).toBe('url_fragment');
  });

  it('accepts 2048 characters and refuses 2049', async () => {
    const base = 'https://example.com/';
    const longest = base + 'a'.repeat(2048 - base.length);
    await expect(validateWebhookUrl(longest, options)).resolves.toBe(longest);
    expect((await refusal(longest + 'a', options)).code).toBe('url_too_long');
  });

  it('refuses a URL that normalisation makes longer than 2048 characters', async () => {
    const url = 'https://example.com/' + 'a '.repeat(900); // each space becomes %20
    expect(url.length).toBeLessThanOrEqual(2048);
    expect((await refusal(url, options)).code).toBe('url_too_long');
  });
});
