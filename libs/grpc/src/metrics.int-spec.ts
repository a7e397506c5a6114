import { NotFoundError } from '@hookline/errors';
import { createLogger } from '@hookline/logging';
import { registryV1 } from '@hookline/proto';
import { createMetricsRegistry } from '@hookline/telemetry';
import { testPublisherTls, testTls } from '@hookline/testing';
import { bindService, createGrpcClient, startGrpcServer, type RunningGrpcServer } from './index';

const logger = createLogger('grpc-metrics-test', 'silent');
const Service = { ping: registryV1.RegistryServiceService.ping, getOrganization: registryV1.RegistryServiceService.getOrganization };
const SERVICE = 'hookline.registry.v1.RegistryService';

/** The `_count` of a histogram series with exactly these labels (service label included), or 0. */
function count(exposition: string, metric: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = exposition
    .split('\n')
    .find((l) => l.startsWith(`${metric}_count{`) && wanted.every((pair) => l.includes(pair)));
  return line ? Number(line.split(' ').pop()) : 0;
}

describe('gRPC RED metrics', () => {
  const serverMetrics = createMetricsRegistry('registry');
  const clientMetrics = createMetricsRegistry('ingestion');
  let server: RunningGrpcServer;
  let address: string;

  beforeAll(async () => {
    server = await startGrpcServer(
      {
        name: 'registry',
        logger,
        tls: testTls('registry'),
        metrics: serverMetrics,
        services: [
          bindService(Service, {
            ping: async (request) => ({ message: request.message, service: 'registry' }),
            getOrganization: async () => {
              throw new NotFoundError('no such organization');
            },
          }),
        ],
      },
      0,
    );
    address = `127.0.0.1:${server.port}`;
  });
  afterAll(() => server.shutdown(100));

  it('count every call by method and status code on both sides, refused calls included, with durations', async () => {
    const ingestion = createGrpcClient(Service, address, { tls: testTls('ingestion'), peerName: 'registry', metrics: clientMetrics });
    const publisher = createGrpcClient(Service, address, { tls: testPublisherTls('metrics-test'), peerName: 'registry' });
    await ingestion.ping({ message: 'a' });
    await ingestion.ping({ message: 'b' });
    await expect(ingestion.getOrganization({ orgId: 'org_missing' })).rejects.toThrow();
    await expect(publisher.getOrganization({ orgId: 'org_missing' })).rejects.toThrow();
    ingestion.close();
    publisher.close();

    const onServer = await serverMetrics.metrics();
    const onClient = await clientMetrics.metrics();
    const server = 'hookline_grpc_server_handling_seconds';
    const client = 'hookline_grpc_client_handling_seconds';
    expect(count(onServer, server, { grpc_service: SERVICE, grpc_method: 'Ping', grpc_code: 'OK' })).toBe(2);
    expect(count(onServer, server, { grpc_service: SERVICE, grpc_method: 'GetOrganization', grpc_code: 'NOT_FOUND' })).toBe(1);
    expect(count(onServer, server, { grpc_service: SERVICE, grpc_method: 'GetOrganization', grpc_code: 'PERMISSION_DENIED' })).toBe(1);
    expect(count(onClient, client, { grpc_service: SERVICE, grpc_method: 'Ping', grpc_code: 'OK', service: 'ingestion' })).toBe(2);
    expect(count(onClient, client, { grpc_service: SERVICE, grpc_method: 'GetOrganization', grpc_code: 'NOT_FOUND' })).toBe(1);
    expect(onServer).toMatch(/hookline_grpc_server_handling_seconds_bucket\{le="0.005",[^}]*grpc_method="Ping"/);
  });
});
