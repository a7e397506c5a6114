import { join, dirname } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { createLogger } from '@hookline/logging';
import { ingestionV1, registryV1 } from '@hookline/proto';
import { testTls, waitFor } from '@hookline/testing';
import { bindService, createGrpcClient, startGrpcServer, type RunningGrpcServer } from './index';

// What grpcurl or Postman do against any Hookline service: discover it through server
// reflection and call it with a client built from nothing but @grpc/proto-loader and the
// descriptors the server sent. No generated code of the project is used on the client side.

const logger = createLogger('grpc-test', 'silent');
const PingRegistry = { ping: registryV1.RegistryServiceService.ping };
const PingIngestion = { ping: ingestionV1.IngestionServiceService.ping };
const REFLECTION_PROTOS = join(dirname(require.resolve('@grpc/reflection/package.json')), 'build/proto/grpc/reflection');
// Every service is mutual TLS: the independent client presents the gateway's certificate, as an
// operator's grpcurl would present one issued by the deployment CA.
const serverTls = testTls('registry');
const callerTls = testTls('gateway');
const callerCredentials = () => grpc.credentials.createSsl(callerTls.ca, callerTls.key, callerTls.cert);
const LOADER = { keepCase: true, longs: String, enums: String, defaults: true, oneofs: true };

let server: RunningGrpcServer;
let address: string;
let ingestionServing = true;

beforeAll(async () => {
  server = await startGrpcServer(
    {
      name: 'test',
      logger,
      tls: serverTls,
      services: [
        bindService(PingRegistry, { ping: async (request) => ({ message: `pong:${request.message}`, service: 'registry' }) }),
        bindService(PingIngestion, { ping: async () => ({ message: 'pong', service: 'ingestion' }) }, { isServing: async () => ingestionServing }),
      ],
    },
    0,
    '127.0.0.1',
  );
  address = `127.0.0.1:${server.port}`;
});
afterAll(() => server?.shutdown(100));

/** One request/response exchange on ServerReflectionInfo (the protocol is a bidi stream). */
async function reflect(version: 'v1' | 'v1alpha', request: Record<string, unknown>): Promise<any> {
  const definition = protoLoader.loadSync(join(REFLECTION_PROTOS, version, 'reflection.proto'), LOADER);
  const Reflection = (grpc.loadPackageDefinition(definition).grpc as any).reflection[version].ServerReflection;
  const client = new Reflection(address, callerCredentials());
  try {
    return await new Promise((resolve, reject) => {
      const call = client.ServerReflectionInfo();
      call.on('data', resolve);
      call.on('error', reject);
      call.write(request);
      call.end();
    });
  } finally {
    client.close();
  }
}

/** A client for `service` built from the file descriptors reflection returns for it. */
async function clientFromReflection(service: string): Promise<any> {
  const answer = await reflect('v1', { file_containing_symbol: service });
  const files: Buffer[] = answer.file_descriptor_response.file_descriptor_proto;
  // A FileDescriptorSet is `repeated FileDescriptorProto file = 1`: each file length-delimited.
  const set = Buffer.concat(files.flatMap((file) => [Buffer.from([0x0a]), varint(file.length), file]));
  const definition = protoLoader.loadFileDescriptorSetFromBuffer(set, LOADER);
  const Client = service.split('.').reduce((node: any, part) => node[part], grpc.loadPackageDefinition(definition));
  return new Client(address, callerCredentials());
}

function varint(value: number): Buffer {
  const bytes: number[] = [];
  while (value > 0x7f) {
    bytes.push((value & 0x7f) | 0x80);
    value >>>= 7;
  }
  bytes.push(value);
  return Buffer.from(bytes);
}

const unary = (client: any, method: string, request: unknown) =>
  new Promise<any>((resolve, reject) => client[method](request, { deadline: Date.now() + 5_000 }, (error: Error | null, response: any) => (error ? reject(error) : resolve(response))));

describe('server reflection', () => {
  it.each(['v1', 'v1alpha'] as const)('lists the served services and grpc.health.v1.Health (%s)', async (version) => {
    const answer = await reflect(version, { list_services: '' });
    const names = answer.list_services_response.service.map((s: { name: string }) => s.name).sort();
    expect(names).toEqual(['grpc.health.v1.Health', 'hookline.ingestion.v1.IngestionService', 'hookline.registry.v1.RegistryService']);
  });

  it('describes a service well enough to call it with a client built from the answer alone', async () => {
    const client = await clientFromReflection('hookline.registry.v1.RegistryService');
    try {
      await expect(unary(client, 'Ping', { message: 'hi' })).resolves.toEqual({ message: 'pong:hi', service: 'registry' });
    } finally {
      client.close();
    }
  });

  it('answers NOT_FOUND for a symbol the server does not have', async () => {
    const answer = await reflect('v1', { file_containing_symbol: 'hookline.nothing.v1.Nope' });
    expect(answer.error_response.error_code).toBe(grpc.status.NOT_FOUND);
  });
});

describe('grpc.health.v1.Health', () => {
  let health: any;
  beforeAll(async () => {
    health = await clientFromReflection('grpc.health.v1.Health');
  });
  afterAll(() => health?.close());

  it('reports the server and each service by its full name, and NOT_FOUND for an unknown name', async () => {
    ingestionServing = true;
    await expect(unary(health, 'Check', { service: '' })).resolves.toEqual({ status: 'SERVING' });
    await expect(unary(health, 'Check', { service: 'hookline.registry.v1.RegistryService' })).resolves.toEqual({ status: 'SERVING' });
    const unknown = await unary(health, 'Check', { service: 'hookline.nothing.v1.Nope' }).catch((e) => e);
    expect(unknown.code).toBe(grpc.status.NOT_FOUND);
  });

  it("reports one service's own status: the others stay SERVING, the server as a whole does not", async () => {
    ingestionServing = false;
    try {
      await expect(unary(health, 'Check', { service: 'hookline.ingestion.v1.IngestionService' })).resolves.toEqual({ status: 'NOT_SERVING' });
      await expect(unary(health, 'Check', { service: 'hookline.registry.v1.RegistryService' })).resolves.toEqual({ status: 'SERVING' });
      await expect(unary(health, 'Check', { service: '' })).resolves.toEqual({ status: 'NOT_SERVING' });
    } finally {
      ingestionServing = true;
    }
  });

  it('Watch sends the current status, then each change; SERVICE_UNKNOWN for an unknown name', async () => {
    ingestionServing = false;
    const seen: string[] = [];
    const watch = health.Watch({ service: 'hookline.ingestion.v1.IngestionService' });
    watch.on('data', (response: { status: string }) => seen.push(response.status));
    watch.on('error', () => undefined);
    await waitFor(() => seen.length === 1, { timeoutMs: 5_000 });
    expect(seen).toEqual(['NOT_SERVING']);
    ingestionServing = true;
    await waitFor(() => seen.length === 2, { timeoutMs: 5_000 });
    expect(seen).toEqual(['NOT_SERVING', 'SERVING']);
    watch.cancel();

    const unknown: string[] = [];
    const watchUnknown = health.Watch({ service: 'hookline.nothing.v1.Nope' });
    watchUnknown.on('data', (response: { status: string }) => unknown.push(response.status));
    watchUnknown.on('error', () => undefined);
    await waitFor(() => unknown.length === 1, { timeoutMs: 5_000 });
    expect(unknown).toEqual(['SERVICE_UNKNOWN']);
    watchUnknown.cancel();
  });

  it('an open Watch does not hold up a graceful shutdown', async () => {
    const own = await startGrpcServer({ name: 'own', logger, tls: serverTls, services: [bindService(PingRegistry, { ping: async () => ({ message: '', service: '' }) })] }, 0, '127.0.0.1');
    const Health = (await clientFromReflection('grpc.health.v1.Health')).constructor;
    const client = new Health(`127.0.0.1:${own.port}`, callerCredentials());
    const statuses: string[] = [];
    const watch = client.Watch({ service: '' });
    watch.on('data', (response: { status: string }) => statuses.push(response.status));
    const ended = new Promise((resolve) => watch.on('status', resolve));
    await waitFor(() => statuses.length === 1, { timeoutMs: 5_000 });
    const started = Date.now();
    await own.shutdown(30_000);
    await ended;
    expect(Date.now() - started).toBeLessThan(5_000);
    client.close();
  });
});

describe('client-side load balancing', () => {
  it('spreads calls over every address the target resolves to (round_robin), as over the pods of a headless Service', async () => {
    // Two replicas on one port of two loopback addresses, named by one target.
    const first = await startGrpcServer({ name: 'a', logger, tls: serverTls, services: [bindService(PingRegistry, { ping: async () => ({ message: '', service: 'replica-a' }) })] }, 0, '127.0.0.1');
    const second = await startGrpcServer({ name: 'b', logger, tls: serverTls, services: [bindService(PingRegistry, { ping: async () => ({ message: '', service: 'replica-b' }) })] }, first.port, '127.0.0.2');
    const client = createGrpcClient(PingRegistry, `ipv4:127.0.0.1:${first.port},127.0.0.2:${first.port}`, { tls: callerTls, peerName: 'registry' });
    try {
      const answered = new Set<string>();
      for (let i = 0; i < 20; i++) answered.add((await client.ping({ message: '' })).service);
      expect([...answered].sort()).toEqual(['replica-a', 'replica-b']);
    } finally {
      client.close();
      await Promise.all([first.shutdown(100), second.shutdown(100)]);
    }
  });
});
