import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, buildConnector, request } from 'undici';
import { EMPTY_EGRESS_ALLOW_LIST, parseEgressAllowList, type EgressAllowList } from './allow-list';
import { createGuardedLookup, guardConnector } from './guarded-lookup';

// A real HTTP server on 127.0.0.1 stands in for an internal service; `receiver.test` is a name
// that resolves to it, as an attacker's DNS would.
describe('guarded lookup with a real undici request', () => {
  let server: Server;
  let port: number;
  let connections: number;
  const agents: Agent[] = [];

  beforeAll(async () => {
    server = createServer((_req, res) => res.end('ok'));
    server.on('connection', () => connections++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  beforeEach(() => {
    connections = 0;
  });

  afterEach(async () => {
    await Promise.all(agents.splice(0).map((agent) => agent.close()));
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const resolveToLoopback = async () => ['127.0.0.1'];

  function track(agent: Agent): Agent {
    agents.push(agent);
    return agent;
  }

  /** The dispatcher's shape: lookup for names, guardConnector for IP-literal hosts. */
  function guardedAgent(allowList: EgressAllowList): Agent {
    const lookup = createGuardedLookup(allowList, { resolve: resolveToLoopback });
    return track(new Agent({ connect: guardConnector(buildConnector({ lookup }), allowList) }));
  }

  function lookupOnlyAgent(allowList: EgressAllowList): Agent {
    return track(new Agent({ connect: { lookup: createGuardedLookup(allowList, { resolve: resolveToLoopback }) } }));
  }

  function send(url: string, dispatcher: Agent) {
    return request(url, { dispatcher, method: 'POST', body: '{}' });
  }

  it('with an empty allow-list, a name resolving to 127.0.0.1 fails with SSRF_BLOCKED and the server sees no connection', async () => {
    const error = await send(`http://receiver.test:${port}/hook`, lookupOnlyAgent(EMPTY_EGRESS_ALLOW_LIST)).catch((e: unknown) => e);

    expect(error).toMatchObject({ code: 'SSRF_BLOCKED', hostname: 'receiver.test' });
    expect(connections).toBe(0);
  });

  it('with 127.0.0.0/8 allowed, the same request reaches the server', async () => {
    const response = await send(`http://receiver.test:${port}/hook`, lookupOnlyAgent(parseEgressAllowList('127.0.0.0/8')));

    expect(response.statusCode).toBe(200);
    expect(await response.body.text()).toBe('ok');
    expect(connections).toBe(1);
  });

  it('Node does not consult lookup for an IP-literal host, so lookup alone lets 127.0.0.1 through', async () => {
    // Why guardConnector exists. If this starts failing, Node began calling lookup for literals.
    const response = await send(`http://127.0.0.1:${port}/hook`, lookupOnlyAgent(EMPTY_EGRESS_ALLOW_LIST));
    await response.body.dump();

    expect(connections).toBe(1);
  });

  it('with guardConnector, an IP-literal host fails with SSRF_BLOCKED and the server sees no connection', async () => {
    const error = await send(`http://127.0.0.1:${port}/hook`, guardedAgent(EMPTY_EGRESS_ALLOW_LIST)).catch((e: unknown) => e);

    expect(error).toMatchObject({ code: 'SSRF_BLOCKED', range: 'loopback' });
    expect(connections).toBe(0);
  });

  it('with guardConnector, names still go through the guarded lookup', async () => {
    const blocked = await send(`http://receiver.test:${port}/hook`, guardedAgent(EMPTY_EGRESS_ALLOW_LIST)).catch((e: unknown) => e);
    const allowed = await send(`http://receiver.test:${port}/hook`, guardedAgent(parseEgressAllowList('127.0.0.0/8')));
    await allowed.body.dump();

    expect(blocked).toMatchObject({ code: 'SSRF_BLOCKED', hostname: 'receiver.test' });
    expect(allowed.statusCode).toBe(200);
    expect(connections).toBe(1);
  });

  it('the system resolver answers localhost with loopback, which is refused', async () => {
    const agent = track(new Agent({ connect: { lookup: createGuardedLookup(EMPTY_EGRESS_ALLOW_LIST) } }));

    const error = await send(`http://localhost:${port}/hook`, agent).catch((e: unknown) => e);

    expect(error).toMatchObject({ code: 'SSRF_BLOCKED', hostname: 'localhost' });
    expect(connections).toBe(0);
  });
});
