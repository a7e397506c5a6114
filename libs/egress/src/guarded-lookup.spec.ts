import type { LookupAddress, LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { EMPTY_EGRESS_ALLOW_LIST, parseEgressAllowList } from './allow-list';
import { EgressBlockedError } from './egress-blocked-error';
import { createGuardedLookup, guardConnector } from './guarded-lookup';

interface LookupResult {
  error: NodeJS.ErrnoException | null;
  address?: string | LookupAddress[];
  family?: number;
}

function lookupOnce(lookup: LookupFunction, hostname: string, options: LookupOptions = {}): Promise<LookupResult> {
  return new Promise((resolve) => lookup(hostname, options, (error, address, family) => resolve({ error, address, family })));
}

const PUBLIC_V4 = '93.184.216.34';
const PUBLIC_V6 = '2606:2800:220:1:248:1893:25c8:1946';

describe('createGuardedLookup', () => {
  it('hands back a public address in the shape net.connect asks for', async () => {
    const lookup = createGuardedLookup(EMPTY_EGRESS_ALLOW_LIST, { resolve: async () => [PUBLIC_V6, PUBLIC_V4] });

    expect(await lookupOnce(lookup, 'example.com')).toEqual({ error: null, address: PUBLIC_V6, family: 6 });
    expect(await lookupOnce(lookup, 'example.com', { all: true })).toEqual({
      error: null,
      address: [
        { address: PUBLIC_V6, family: 6 },
        { address: PUBLIC_V4, family: 4 },
      ],
      family: undefined,
    });
  });

  it('honours the family net.connect asks for', async () => {
    const lookup = createGuardedLookup(EMPTY_EGRESS_ALLOW_LIST, { resolve: async () => [PUBLIC_V6, PUBLIC_V4] });

    expect(await lookupOnce(lookup, 'example.com', { family: 4 })).toMatchObject({ address: PUBLIC_V4, family: 4 });
    expect(await lookupOnce(lookup, 'example.com', { family: 6, all: true })).toMatchObject({
      address: [{ address: PUBLIC_V6, family: 6 }],
    });
  });

  it('fails with ENOTFOUND when no answer has the family asked for', async () => {
    const lookup = createGuardedLookup(EMPTY_EGRESS_ALLOW_LIST, { resolve: async () => [PUBLIC_V4] });
    expect((await lookupOnce(lookup, 'example.com', { family: 6 })).error).toMatchObject({ code: 'ENOTFOUND' });
  });

  it('when the name rebinds from a public address to 127.0.0.1, the second connect is refused', async () => {
    const resolve = jest.fn().mockResolvedValueOnce([PUBLIC_V4]).mockResolvedValueOnce(['127.0.0.1']);
    const lookup = createGuardedLookup(EMPTY_EGRESS_ALLOW_LIST, { resolve });

    const first = await lookupOnce(lookup, 'rebind.example');
    const second = await lookupOnce(lookup, 'rebind.example', { all: true });

    expect(first).toEqual({ error: null, address: PUBLIC_V4, family: 4 });
    expect(second.error).toBeInstanceOf(EgressBlockedError);
    expect(second.error).toMatchObject({ code: 'SSRF_BLOCKED', hostname: 'rebind.example', address: '127.0.0.1', range: 'loopback' });
    expect(second.error?.message).toContain('rebind.example');
    expect(second.error?.message).not.toContain('127.0.0.1');
  });

  it('refuses when any answer is not allowed, even if the first one is public', async () => {
    const lookup = createGuardedLookup(EMPTY_EGRESS_ALLOW_LIST, { resolve: async () => [PUBLIC_V4, '10.0.0.5'] });
    expect((await lookupOnce(lookup, 'mixed.example')).error).toMatchObject({ code: 'SSRF_BLOCKED', address: '10.0.0.5' });
  });

  it.each(['::ffff:127.0.0.1', 'fd00:ec2::254', '169.254.169.254', '0.0.0.0', 'garbage'])(
    'refuses a resolver answering %s',
    async (answer) => {
      const lookup = createGuardedLookup(EMPTY_EGRESS_ALLOW_LIST, { resolve: async () => [answer] });
      expect((await lookupOnce(lookup, 'evil.example')).error).toMatchObject({ code: 'SSRF_BLOCKED' });
    },
  );

  it('passes allow-listed addresses through', async () => {
    const lookup = createGuardedLookup(parseEgressAllowList('127.0.0.0/8'), { resolve: async () => ['127.0.0.1'] });
    expect(await lookupOnce(lookup, 'receiver.test')).toEqual({ error: null, address: '127.0.0.1', family: 4 });
  });

  it('checks an IP-literal host itself, in any spelling, without asking the resolver', async () => {
    const resolve = jest.fn(async () => [PUBLIC_V4]);
    const lookup = createGuardedLookup(EMPTY_EGRESS_ALLOW_LIST, { resolve });

    expect((await lookupOnce(lookup, '127.1')).error).toMatchObject({ code: 'SSRF_BLOCKED', address: '127.0.0.1' });
    expect(await lookupOnce(lookup, '0x5d.0xb8.0xd8.0x22')).toEqual({ error: null, address: PUBLIC_V4, family: 4 });
    expect(resolve).not.toHaveBeenCalled();
  });

  it('passes the resolver error on when the name does not resolve', async () => {
    const notFound = Object.assign(new Error('getaddrinfo ENOTFOUND gone.example'), { code: 'ENOTFOUND' });
    const lookup = createGuardedLookup(EMPTY_EGRESS_ALLOW_LIST, {
      resolve: async () => {
        throw notFound;
      },
    });
    expect((await lookupOnce(lookup, 'gone.example')).error).toBe(notFound);
  });
});

describe('guardConnector', () => {
  type Callback = (error: Error | null, socket: null) => void;

  it('refuses a non-public IP-literal host without calling the connector', async () => {
    const connect = jest.fn();
    const guarded = guardConnector(connect, EMPTY_EGRESS_ALLOW_LIST);

    const error = await new Promise<Error | null>((resolve) => guarded({ hostname: '[::1]' }, ((e) => resolve(e)) as Callback));

    expect(error).toMatchObject({ code: 'SSRF_BLOCKED', range: 'loopback' });
    expect(connect).not.toHaveBeenCalled();
  });

  it('hands names, public and allow-listed literals to the connector', () => {
    const connect = jest.fn();
    const guarded = guardConnector(connect, parseEgressAllowList('127.0.0.0/8'));
    const callback: Callback = () => undefined;

    for (const hostname of ['example.com', PUBLIC_V4, '127.0.0.1']) guarded({ hostname }, callback);

    expect(connect.mock.calls.map(([options]) => options.hostname)).toEqual(['example.com', PUBLIC_V4, '127.0.0.1']);
  });
});
