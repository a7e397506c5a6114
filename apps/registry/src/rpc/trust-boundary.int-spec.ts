import { connect } from 'node:net';
import { Client, credentials, Metadata, status, type ChannelCredentials, type ServiceError } from '@grpc/grpc-js';
import { AuthenticationError, PermissionError } from '@hookline/errors';
import { channelCredentials } from '@hookline/grpc';
import { healthV1, registryV1 } from '@hookline/proto';
import { foreignTls, testPublisherTls, testTls, uniqueSuffix } from '@hookline/testing';
import { createTestOrg, startTestRegistry, webhookRequest, type TestRegistry } from '../testing/harness';

const accepts = (host: string, port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host, port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

// The registry as deployed: its gRPC port accepts callers by certificate and the policy table.
describe('who may call the registry', () => {
  let t: TestRegistry;
  beforeAll(async () => {
    t = await startTestRegistry();
  });
  afterAll(() => t.stop());

  it('decrypted delivery config goes to the dispatcher only: the gateway and publishers are refused', async () => {
    const org = await createTestOrg(t.client);
    const created = await t.client.createWebhook(webhookRequest(org.admin));
    const webhookId = created.webhook!.id;

    await expect(t.client.getDeliveryConfig({ webhookId })).rejects.toBeInstanceOf(PermissionError);
    await expect(t.clientFor(testPublisherTls(`p${uniqueSuffix()}`)).getDeliveryConfig({ webhookId })).rejects.toBeInstanceOf(PermissionError);
    expect((await t.dispatcher.getDeliveryConfig({ webhookId })).signingKeys).toEqual([created.signingSecret]);
  });

  it('an end-user context is accepted from the gateway only, and the gateway must send one', async () => {
    const org = await createTestOrg(t.client);
    // The dispatcher claiming to be the org's admin.
    await expect(t.dispatcher.createWebhook(webhookRequest(org.admin))).rejects.toBeInstanceOf(PermissionError);
    await expect(t.dispatcher.listApiKeys({ context: org.admin, orgId: '' })).rejects.toBeInstanceOf(PermissionError);
    // No context is not "an internal service": it is refused.
    await expect(t.client.listWebhooks({ context: undefined, orgId: org.orgId, page: undefined })).rejects.toBeInstanceOf(AuthenticationError);
    expect((await t.client.listWebhooks({ context: org.admin, orgId: '', page: undefined })).webhooks).toEqual([]);
  });

  it.each([
    ['no certificate', () => credentials.createSsl(testTls('gateway').ca)],
    ['a gateway certificate from another CA', () => channelCredentials(foreignTls('gateway'), 'registry')],
  ])('a caller with %s gets UNAUTHENTICATED on every registry method and changes nothing', async (_label, channel: () => ChannelCredentials) => {
    const client = new Client(`127.0.0.1:${t.registry.grpcPort}`, channel(), { 'grpc.ssl_target_name_override': 'registry' });
    const { rows: before } = await t.pool.query('select count(*)::int as n from organization');
    const methods = [...Object.values(registryV1.RegistryServiceService), ...Object.values(healthV1.HealthService)];
    const codes = await Promise.all(
      methods.map(
        (method: any) =>
          new Promise<[string, number]>((resolve) =>
            client.makeUnaryRequest(method.path, method.requestSerialize, method.responseDeserialize, method.requestDeserialize(Buffer.alloc(0)), new Metadata(), { deadline: Date.now() + 30_000 }, (error: ServiceError | null) =>
              resolve([method.path, error ? error.code : status.OK]),
            ),
          ),
      ),
    );
    client.close();
    expect(codes.filter(([, code]) => code !== status.UNAUTHENTICATED)).toEqual([]);
    const { rows: after } = await t.pool.query('select count(*)::int as n from organization');
    expect(after[0].n).toBe(before[0].n);
  });

  it('listens on 127.0.0.1 only (gRPC and ops) when HOOKLINE_BIND_HOST is not set', async () => {
    for (const port of [t.registry.grpcPort, t.registry.opsPort]) {
      expect(await accepts('127.0.0.1', port)).toBe(true);
      // Another loopback address reaches a socket bound to 0.0.0.0, never one bound to 127.0.0.1.
      expect(await accepts('127.0.0.2', port)).toBe(false);
    }
  });
});
