import { Client, credentials, Metadata, status, type ChannelCredentials, type ServiceError } from '@grpc/grpc-js';
import { createLogger } from '@hookline/logging';
import * as proto from '@hookline/proto';
import { registryV1 } from '@hookline/proto';
import { foreignTls, testPublisherTls, testTls, uniqueSuffix } from '@hookline/testing';
import { bindService, startGrpcServer, type GrpcServiceBinding, type RunningGrpcServer } from '../server';
import { channelCredentials } from './credentials';
import { ruleFor } from './policy';
import type { TlsIdentity } from './tls-identity';

interface Method {
  path: string;
  requestStream: boolean;
  responseStream: boolean;
  requestSerialize: (value: any) => Buffer;
  requestDeserialize: (buffer: Buffer) => any;
  responseSerialize: (value: any) => Buffer;
  responseDeserialize: (buffer: Buffer) => any;
}
type Definition = Record<string, Method>;

const isMethod = (value: unknown): value is Method =>
  typeof value === 'object' && value !== null && typeof (value as Method).path === 'string' && typeof (value as Method).requestSerialize === 'function';

/** Every gRPC service the generated code defines, found by looking, not by listing them here. */
const definitions: [string, Definition][] = Object.entries(proto).flatMap(([module, exports]) =>
  Object.entries(exports as Record<string, unknown>)
    .filter(([, value]) => typeof value === 'object' && value !== null && Object.values(value).length > 0 && Object.values(value).every(isMethod))
    .map(([name, value]) => [`${module}.${name}`, value as Definition] as [string, Definition]),
);
const methods = definitions.flatMap(([, definition]) => Object.values(definition));
const servedHere = definitions.filter(([name]) => !name.startsWith('healthV1.')); // the server adds health itself

interface Outcome {
  code: status;
  details: string;
  errorCode?: string;
}

/** One connection per caller identity (and server), reused by its calls. */
const connections = new Map<ChannelCredentials, Map<string, Client>>();

function call(address: string, channel: ChannelCredentials, method: Method, request: unknown = method.requestDeserialize(Buffer.alloc(0))): Promise<Outcome> {
  const byAddress = connections.get(channel) ?? new Map<string, Client>();
  connections.set(channel, byAddress);
  const client = byAddress.get(address) ?? new Client(address, channel, { 'grpc.ssl_target_name_override': 'registry' });
  byAddress.set(address, client);
  return new Promise<Outcome>((resolve) => {
    client.makeUnaryRequest(method.path, method.requestSerialize, method.responseDeserialize, request, new Metadata(), { deadline: Date.now() + 30_000 }, (error: ServiceError | null) => {
      if (!error) return resolve({ code: status.OK, details: '' });
      const trailer = error.metadata?.get('hookline-error')[0];
      resolve({ code: error.code, details: error.details, errorCode: typeof trailer === 'string' ? JSON.parse(trailer).code : undefined });
    });
  });
}

const as = (identity: TlsIdentity) => channelCredentials(identity, 'registry');
const endUser = { actor: { kind: 'api_key', keyId: 'key_1', owner: 'alice', role: 'admin', orgId: 'org_a' }, requestId: 'req_1', ip: '', userAgent: '' };

describe('the trust boundary of every gRPC service', () => {
  let server: RunningGrpcServer;
  let address: string;
  /** Paths of the handlers that ran: a refused call must leave no trace here. */
  const handled: string[] = [];

  beforeAll(async () => {
    const services: GrpcServiceBinding[] = servedHere.map(([, definition]) => {
      const handlers = Object.fromEntries(
        Object.entries(definition).map(([name, method]) => [
          name,
          async () => {
            handled.push(method.path);
            return method.responseDeserialize(Buffer.alloc(0));
          },
        ]),
      );
      return bindService(definition as never, handlers as never);
    });
    server = await startGrpcServer({ name: 'trust-test', logger: createLogger('trust-test', 'silent'), tls: testTls('registry'), services }, 0, '127.0.0.1');
    address = `127.0.0.1:${server.port}`;
  });
  afterAll(async () => {
    for (const byAddress of connections.values()) byAddress.forEach((client) => client.close());
    await server.shutdown(100);
  });
  beforeEach(() => {
    handled.length = 0;
  });

  it('finds the services to check in the generated code', () => {
    const names = definitions.map(([name]) => name);
    expect(names).toEqual(expect.arrayContaining(['registryV1.RegistryServiceService', 'ingestionV1.IngestionServiceService', 'dispatcherV1.DispatcherServiceService', 'auditV1.AuditServiceService', 'healthV1.HealthService']));
    expect(methods.length).toBeGreaterThan(40);
  });

  it('the policy table has a rule for every method of every service', () => {
    expect(methods.filter((method) => !ruleFor(method.path)).map((method) => method.path)).toEqual([]);
  });

  it.each([
    ['no client certificate', () => credentials.createSsl(testTls('registry').ca)],
    ['a certificate naming the gateway from another CA', () => as(foreignTls('gateway'))],
  ])('a caller with %s gets UNAUTHENTICATED on every method of every service, and no handler runs', async (_label, channel) => {
    const outcomes = await Promise.all(methods.map(async (method) => [method.path, (await call(address, channel(), method)).code] as const));
    expect(outcomes.filter(([, code]) => code !== status.UNAUTHENTICATED)).toEqual([]);
    expect(handled).toEqual([]);
  });

  it('GetDeliveryConfig (decrypted secrets) answers the dispatcher, and the gateway gets PERMISSION_DENIED', async () => {
    const method = registryV1.RegistryServiceService.getDeliveryConfig;
    const fromGateway = await call(address, as(testTls('gateway')), method, { webhookId: 'wh_1' });
    expect(fromGateway).toMatchObject({ code: status.PERMISSION_DENIED, errorCode: 'caller_not_allowed' });
    for (const other of ['ingestion', 'audit', 'registry'] as const) {
      expect((await call(address, as(testTls(other)), method, { webhookId: 'wh_1' })).code).toBe(status.PERMISSION_DENIED);
    }
    expect((await call(address, as(testPublisherTls(`p${uniqueSuffix()}`)), method, { webhookId: 'wh_1' })).code).toBe(status.PERMISSION_DENIED);
    expect(handled).toEqual([]);

    expect((await call(address, as(testTls('dispatcher')), method, { webhookId: 'wh_1' })).code).toBe(status.OK);
    expect(handled).toEqual([method.path]);
  });

  it('an end-user context from any identity but the gateway is refused before a handler runs', async () => {
    const method = registryV1.RegistryServiceService.createWebhook;
    const request = { context: endUser, orgId: '', name: 'forged hook', url: 'https://example.com/hook' };
    for (const forger of ['dispatcher', 'ingestion', 'audit', 'registry'] as const) {
      expect((await call(address, as(testTls(forger)), method, request)).code).toBe(status.PERMISSION_DENIED);
    }
    expect((await call(address, as(testPublisherTls(`p${uniqueSuffix()}`)), method, request)).code).toBe(status.PERMISSION_DENIED);
    expect(handled).toEqual([]);

    expect((await call(address, as(testTls('gateway')), method, request)).code).toBe(status.OK);
    expect(handled).toEqual([method.path]);
  });

  it('a request without the end-user context is refused (UNAUTHENTICATED), not treated as a service', async () => {
    const gateway = as(testTls('gateway'));
    const withoutContext = await call(address, gateway, registryV1.RegistryServiceService.createOrganization, { name: 'no one asked' });
    expect(withoutContext).toMatchObject({ code: status.UNAUTHENTICATED, errorCode: 'end_user_required' });
    const asService = await call(address, gateway, registryV1.RegistryServiceService.listWebhooks, {
      context: { ...endUser, actor: { ...endUser.actor, kind: 'service' } },
    });
    expect(asService.code).toBe(status.UNAUTHENTICATED);
    expect(handled).toEqual([]);
  });

  it('a publisher limited to org A publishes for A and is refused for B, alone or in a batch', async () => {
    const { publish, publishBatch } = proto.ingestionV1.IngestionServiceService;
    const limited = as(testPublisherTls(`billing${uniqueSuffix()}`, ['org_a']));
    const event = (orgId: string) => ({ orgId, type: 'transfer.completed', dataJson: '{}', idempotencyKey: '', isTest: false, targetWebhookId: '' });

    expect(await call(address, limited, publish, event('org_b'))).toMatchObject({ code: status.PERMISSION_DENIED, errorCode: 'org_not_allowed' });
    expect((await call(address, limited, publishBatch, { events: [event('org_a'), event('org_b')] })).code).toBe(status.PERMISSION_DENIED);
    expect(handled).toEqual([]);

    expect((await call(address, limited, publish, event('org_a'))).code).toBe(status.OK);
    expect((await call(address, limited, publishBatch, { events: [event('org_a'), event('org_a')] })).code).toBe(status.OK);
    // A publisher certificate naming no orgs may publish for any; it still reads nothing.
    const unlimited = as(testPublisherTls(`ops${uniqueSuffix()}`));
    expect((await call(address, unlimited, publish, event('org_b'))).code).toBe(status.OK);
    const { listEvents } = proto.ingestionV1.IngestionServiceService;
    expect((await call(address, unlimited, listEvents, { ...listEvents.requestDeserialize(Buffer.alloc(0)), orgId: 'org_b' })).code).toBe(status.PERMISSION_DENIED);
    expect(handled).toEqual([publish.path, publishBatch.path, publish.path]);
  });

  it('a method missing from the policy table is refused to every caller (fail closed)', async () => {
    const unlisted = { ...registryV1.RegistryServiceService.ping, path: '/hookline.unlisted.v1.Unlisted/Ping' };
    const extra = await startGrpcServer(
      {
        name: 'unlisted',
        logger: createLogger('trust-test', 'silent'),
        tls: testTls('registry'),
        services: [bindService({ ping: unlisted } as never, { ping: async () => ({ message: 'should not run', service: '' }) } as never)],
      },
      0,
      '127.0.0.1',
    );
    try {
      const outcome = await call(`127.0.0.1:${extra.port}`, as(testTls('gateway')), unlisted, { message: 'hi' });
      expect(outcome.code).toBe(status.PERMISSION_DENIED);
    } finally {
      await extra.shutdown(100);
    }
  });
});
