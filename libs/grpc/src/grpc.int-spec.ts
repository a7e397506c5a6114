import { createServer, type Server as NetServer, type Socket } from 'node:net';
import { DeadlineError, InputError, NotFoundError } from '@hookline/errors';
import { createLogger } from '@hookline/logging';
import { registryV1 } from '@hookline/proto';
import { testTls } from '@hookline/testing';
import { bindService, createGrpcClient, isServing, startGrpcServer, type RunningGrpcServer } from './index';

const logger = createLogger('grpc-test', 'silent');
// A one-method service: the registry's Ping, served alone.
const PingService = { ping: registryV1.RegistryServiceService.ping };

describe('gRPC server and client over a real socket', () => {
  let server: RunningGrpcServer;
  let address: string;
  let pingImpl: (message: string, signal: AbortSignal) => Promise<string>;

  beforeAll(async () => {
    server = await startGrpcServer(
      {
        name: 'test',
        logger,
        tls: testTls('registry'),
        services: [
          bindService(PingService, {
            ping: async (request, context) => ({ message: await pingImpl(request.message, context.signal), service: 'test' }),
          }),
        ],
      },
      0,
      '127.0.0.1',
    );
    address = `127.0.0.1:${server.port}`;
  });
  afterAll(() => server.shutdown(100));

  it('answers a call and the health check', async () => {
    pingImpl = async (m) => `pong:${m}`;
    const client = createGrpcClient(PingService, address, { tls: testTls('gateway') });
    await expect(client.ping({ message: 'hi' })).resolves.toEqual({ message: 'pong:hi', service: 'test' });
    await expect(isServing(address, testTls('gateway'))).resolves.toBe(true);
    // By its identity, as the gateway's readiness check asks (no IP address as TLS server name).
    await expect(isServing(address, testTls('gateway'), 1_000, 'registry')).resolves.toBe(true);
    await expect(isServing(address, testTls('gateway'), 1_000, 'audit')).resolves.toBe(false);
    client.close();
  });

  it("a handler's signal aborts when the client cancels the call, and not once the call was answered", async () => {
    const client = createGrpcClient(PingService, address, { tls: testTls('gateway'), peerName: 'registry' });
    const answered: AbortSignal[] = [];
    pingImpl = async (message, signal) => {
      answered.push(signal);
      return message;
    };
    await client.ping({ message: 'first' });
    // A second round trip on the same connection: the first call's stream has closed meanwhile.
    await client.ping({ message: 'second' });
    expect(answered.map((signal) => signal.aborted)).toEqual([false, false]);

    let serverAborted!: () => void;
    const abortSeen = new Promise<void>((resolve) => (serverAborted = resolve));
    let started!: () => void;
    const handlerStarted = new Promise<void>((resolve) => (started = resolve));
    pingImpl = (_message, signal) =>
      new Promise((_resolve, reject) => {
        signal.addEventListener('abort', () => {
          serverAborted();
          reject(new Error('aborted'));
        });
        started();
      });
    const controller = new AbortController();
    const call = client.ping({ message: 'slow' }, { deadlineMs: 120_000, signal: controller.signal }).catch((e) => e);
    await handlerStarted;
    controller.abort();
    await abortSeen;
    await call;
    client.close();
  });

  it('a NotFoundError thrown in a handler arrives as the same domain error (NOT_FOUND)', async () => {
    pingImpl = async () => {
      throw new NotFoundError('webhook wh_1 not found', { code: 'webhook_not_found' });
    };
    const client = createGrpcClient(PingService, address, { tls: testTls('gateway') });
    const error = await client.ping({ message: 'x' }).catch((e) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toBe('webhook wh_1 not found');
    expect(error.code).toBe('webhook_not_found');
    expect((error.cause as { code: number }).code).toBe(5); // grpc NOT_FOUND
    client.close();
  });

  it('keeps the param of an input error', async () => {
    pingImpl = async () => {
      throw new InputError('name must be 5-100 characters', { param: 'name' });
    };
    const client = createGrpcClient(PingService, address, { tls: testTls('gateway') });
    const error = await client.ping({ message: 'x' }).catch((e) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.param).toBe('name');
    client.close();
  });

  it('an unexpected error arrives as INTERNAL without its message or stack', async () => {
    pingImpl = async () => {
      throw new Error('relation "registry.secret_table" does not exist at /srv/app.ts:12');
    };
    const client = createGrpcClient(PingService, address, { tls: testTls('gateway') });
    const error = await client.ping({ message: 'x' }).catch((e) => e);
    expect((error.cause as { code: number }).code).toBe(13); // INTERNAL
    expect(JSON.stringify({ m: error.message, d: (error.cause as any).details })).not.toMatch(/secret_table|app\.ts/);
    client.close();
  });
});

describe('deadlines', () => {
  let silent: NetServer;
  let port: number;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    // Accepts TCP connections and never speaks HTTP/2: a server that does not answer.
    silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    port = (silent.address() as { port: number }).port;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  it('a call to a server that does not answer fails with DEADLINE_EXCEEDED as a DeadlineError', async () => {
    const client = createGrpcClient(PingService, `127.0.0.1:${port}`, { tls: testTls('gateway'), peerName: 'registry' });
    const started = Date.now();
    const error = await client.ping({ message: 'x' }, { deadlineMs: 300 }).catch((e) => e);
    expect(error).toBeInstanceOf(DeadlineError);
    expect(error.message).toContain('registry.ping');
    expect(Date.now() - started).toBeLessThan(5_000);
    client.close();
  });

  it("a caller's overall deadline cuts a call short even when the call's own is longer", async () => {
    const client = createGrpcClient(PingService, `127.0.0.1:${port}`, { tls: testTls('gateway'), peerName: 'registry' });
    const error = await client.ping({ message: 'x' }, { deadlineMs: 120_000, deadline: Date.now() + 300 }).catch((e) => e);
    expect(error).toBeInstanceOf(DeadlineError);
    client.close();
  });

  it('a call whose signal is already aborted is cancelled, not left to its deadline', async () => {
    const client = createGrpcClient(PingService, `127.0.0.1:${port}`, { tls: testTls('gateway'), peerName: 'registry' });
    const error = await client.ping({ message: 'x' }, { deadlineMs: 120_000, signal: AbortSignal.abort() }).catch((e) => e);
    expect(error).not.toBeInstanceOf(DeadlineError);
    expect((error.cause as { code?: number }).code).toBe(1); // CANCELLED
    client.close();
  });
});

describe('cancellation reaches the work a call started', () => {
  // front → downstream: the front's handler calls the downstream service with its own signal.
  let front: RunningGrpcServer;
  let downstream: RunningGrpcServer;
  let downstreamClient: ReturnType<typeof createGrpcClient<typeof PingService>>;
  const seen: { front?: AbortSignal; downstream?: AbortSignal } = {};
  let downstreamStarted!: () => void;
  let downstreamAborted!: () => void;
  let frontAborted!: () => void;

  beforeAll(async () => {
    downstream = await startGrpcServer(
      {
        name: 'downstream',
        logger,
        tls: testTls('registry'),
        services: [
          bindService(PingService, {
            ping: (_request, context) =>
              new Promise((_resolve, reject) => {
                seen.downstream = context.signal;
                context.signal.addEventListener('abort', () => {
                  downstreamAborted();
                  reject(new Error('downstream abandoned'));
                });
                downstreamStarted();
              }),
          }),
        ],
      },
      0,
    );
    downstreamClient = createGrpcClient(PingService, `127.0.0.1:${downstream.port}`, { tls: testTls('ingestion'), peerName: 'registry' });
    front = await startGrpcServer(
      {
        name: 'front',
        logger,
        tls: testTls('ingestion'),
        services: [
          bindService(PingService, {
            ping: async (request, context) => {
              seen.front = context.signal;
              context.signal.addEventListener('abort', () => frontAborted());
              return downstreamClient.ping(request, { signal: context.signal, deadline: context.deadline, deadlineMs: 120_000 });
            },
          }),
        ],
      },
      0,
    );
  });
  afterAll(async () => {
    downstreamClient.close();
    await front.shutdown(100);
    await downstream.shutdown(100);
  });

  const arm = () => {
    seen.front = seen.downstream = undefined;
    return {
      downstreamStarted: new Promise<void>((resolve) => (downstreamStarted = resolve)),
      downstreamAborted: new Promise<void>((resolve) => (downstreamAborted = resolve)),
      frontAborted: new Promise<void>((resolve) => (frontAborted = resolve)),
    };
  };

  it('when the caller cancels, the handler sees its signal aborted and its downstream call is cancelled', async () => {
    const events = arm();
    const client = createGrpcClient(PingService, `127.0.0.1:${front.port}`, { tls: testTls('gateway'), peerName: 'ingestion' });
    const controller = new AbortController();
    const call = client.ping({ message: 'abandoned' }, { deadlineMs: 120_000, signal: controller.signal }).then(
      () => 'answered',
      (error: Error) => error.message,
    );
    await events.downstreamStarted;
    controller.abort();
    await Promise.all([events.frontAborted, events.downstreamAborted]);
    expect(seen.front?.aborted).toBe(true);
    expect(seen.downstream?.aborted).toBe(true);
    expect(await call).toMatch(/cancel/i);
    client.close();
  });

  it("when the caller's deadline passes, the handler's signal aborts and the downstream call ends with it", async () => {
    const events = arm();
    const client = createGrpcClient(PingService, `127.0.0.1:${front.port}`, { tls: testTls('gateway'), peerName: 'ingestion' });
    const call = client.ping({ message: 'too slow' }, { deadlineMs: 1_000 }).catch((error: unknown) => error);
    await events.downstreamStarted;
    await Promise.all([events.frontAborted, events.downstreamAborted]);
    expect(seen.front?.aborted).toBe(true);
    expect(seen.downstream?.aborted).toBe(true);
    expect(await call).toBeInstanceOf(DeadlineError);
    client.close();
  });
});
