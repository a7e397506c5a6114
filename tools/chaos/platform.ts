// The platform a chaos scenario runs against: infrastructure (the shared broker and database, or
// a broker / PostgreSQL of the scenario's own when it stops them) and the five services, each
// of which can be killed and started again. Services are spawned by tools/stack/launch.mjs and
// configured by tools/bench's platformEnv, like the benchmark's.
import type { ChildProcess } from 'node:child_process';
import { freePort } from '@hookline/testing';
import { createGrpcClient, type GrpcClient } from '@hookline/grpc';
import { ingestionV1 } from '@hookline/proto';
// @ts-expect-error plain ESM helpers shared with `npm start`
import { launchService, SERVICES } from '../stack/launch.mjs';
// @ts-expect-error plain ESM helpers shared with `npm start`
import { provisionKafkaAccess } from '../stack/kafka-access.mjs';
import { platformEnv } from '../bench/platform';
import type { Infrastructure } from './infrastructure';
// @ts-expect-error plain ESM helpers shared with `npm start`
import { publisherIdentity } from '../certs/certificates.mjs';

export type ServiceName = 'registry' | 'ingestion' | 'dispatcher' | 'audit' | 'gateway' | 'dispatcher-b';

/** A second instance of a service: which service it runs. */
const programOf = (service: ServiceName) => (service === 'dispatcher-b' ? 'dispatcher' : service);

export interface UnexpectedExit {
  service: ServiceName;
  how: string;
  atMs: number;
}

export class ChaosPlatform {
  readonly gateway: string;
  readonly operatorKey: string;
  readonly ingestion: GrpcClient<typeof ingestionV1.IngestionServiceService>;
  /** Services that exited without being told to: any entry fails a scenario. */
  readonly unexpectedExits: UnexpectedExit[] = [];
  private readonly children = new Map<ServiceName, ChildProcess>();
  private readonly expected = new Set<ChildProcess>();
  private readonly errorLines: string[] = [];
  private readonly lastLines = new Map<ServiceName, string[]>();
  /** Per-instance settings (a second dispatcher's ports and instance id). */
  private readonly instanceEnv = new Map<ServiceName, Record<string, string>>([
    // The dispatcher's stop summary (deliveries in flight at the signal) is an info line.
    ['dispatcher', { LOG_LEVEL: 'info' }],
  ]);
  /** Every line a service logged that matches a watched pattern (e.g. the dispatcher's stop summary). */
  readonly watchedLines: { service: ServiceName; line: string }[] = [];

  private constructor(
    private readonly env: Record<string, string | undefined>,
    private readonly ports: Record<string, number>,
    operatorKey: string,
  ) {
    this.gateway = `http://127.0.0.1:${ports.GATEWAY_PORT}`;
    this.operatorKey = operatorKey;
    this.ingestion = createGrpcClient(ingestionV1.IngestionServiceService, `127.0.0.1:${ports.INGESTION_PORT}`, {
      // A platform team's publisher, as the benchmark publishes: its own certificate from the local CA.
      tls: publisherIdentity('chaos', env.HOOKLINE_TLS_DIR),
      peerName: 'ingestion',
      deadlineMs: 10_000,
    });
  }

  static async start(infra: Infrastructure, topicPrefix: string, extraEnv: Record<string, string> = {}): Promise<ChaosPlatform> {
    provisionKafkaAccess({ brokers: infra.kafkaBrokers, credentialsFile: infra.kafkaCredentials }, topicPrefix);
    const { env, ports, operatorKey } = await platformEnv({ databaseUrl: infra.databaseUrl, kafkaBrokers: infra.kafkaBrokers, kafkaCredentials: infra.kafkaCredentials, topicPrefix, maxWebhooksPerOrg: 10 });
    const platform = new ChaosPlatform({ ...env, ...extraEnv }, ports, operatorKey);
    for (const service of SERVICES as ServiceName[]) platform.launch(service);
    try {
      await platform.waitAllReady(300_000);
    } catch (error) {
      await platform.stop();
      throw error;
    }
    return platform;
  }

  /** The last error lines the services logged (for a failing scenario's report). */
  recentErrors(): string[] {
    return this.errorLines.slice(-20);
  }

  /** Starts a second dispatcher (own ports and instance id) sharing the work with the first. */
  async addDispatcher(): Promise<void> {
    this.instanceEnv.set('dispatcher-b', {
      LOG_LEVEL: 'info',
      HOOKLINE_DISPATCHER_PORT: String(await freePort()),
      HOOKLINE_DISPATCHER_OPS_PORT: String(await freePort()),
      HOOKLINE_DISPATCHER_INSTANCE_ID: 'chaos-dispatcher-b',
    });
    this.launch('dispatcher-b');
    const started = Date.now();
    while (!(await this.isReady('dispatcher-b'))) {
      if (Date.now() - started > 120_000) throw new Error(`the second dispatcher is not ready; its last lines:\n${(this.lastLines.get('dispatcher-b') ?? []).join('\n')}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  private launch(service: ServiceName): void {
    const child: ChildProcess = launchService(programOf(service), {
      env: { ...this.env, ...this.instanceEnv.get(service) },
      log: (_service: string, line: string) => {
        if (/"msg":"(dispatcher stopping|dispatcher stopped)"/.test(line)) this.watchedLines.push({ service, line });
        const last = this.lastLines.get(service) ?? [];
        last.push(line.slice(0, 400));
        if (last.length > 15) last.shift();
        this.lastLines.set(service, last);
        if (/"level":"(error|fatal)"/.test(line) || !line.startsWith('{')) {
          this.errorLines.push(`${service}: ${line.slice(0, 500)}`);
          if (this.errorLines.length > 200) this.errorLines.shift();
        }
      },
    });
    child.on('exit', (code, signal) => {
      if (!this.expected.has(child)) this.unexpectedExits.push({ service, how: String(signal ?? code), atMs: Date.now() });
    });
    this.children.set(service, child);
  }

  readyUrl(service: ServiceName): string {
    const own = this.instanceEnv.get(service)?.HOOKLINE_DISPATCHER_OPS_PORT;
    if (own) return `http://127.0.0.1:${own}/readyz`;
    return service === 'gateway' ? `${this.gateway}/readyz` : `http://127.0.0.1:${this.ports[`${service.toUpperCase()}_OPS_PORT`]}/readyz`;
  }

  async isReady(service: ServiceName): Promise<boolean> {
    try {
      return (await fetch(this.readyUrl(service), { signal: AbortSignal.timeout(2_000) })).status === 200;
    } catch {
      return false;
    }
  }

  running(): ServiceName[] {
    return [...this.children].filter(([, child]) => child.exitCode === null && child.signalCode === null).map(([name]) => name);
  }

  /** Waits until every service answers /readyz 200; resolves with the time it took (ms). */
  async waitAllReady(timeoutMs: number): Promise<number> {
    const started = Date.now();
    while (Date.now() - started < timeoutMs) {
      const ready = await Promise.all(this.launched().map((s) => this.isReady(s)));
      if (ready.every(Boolean)) return Date.now() - started;
      await new Promise((r) => setTimeout(r, 250));
    }
    const states = await Promise.all(this.launched().map(async (s) => `${s}=${(await this.isReady(s)) ? 'ready' : 'not ready'}`));
    throw new Error(`platform not ready after ${timeoutMs} ms: ${states.join(', ')}; ${this.unexpectedExits.map((e) => `${e.service} exited ${e.how}`).join(', ')}\n${this.recentErrors().join('\n')}`);
  }

  /** The services started (the five, and any second instance), but those stopped on purpose and not restarted. */
  private launched(): ServiceName[] {
    return [...this.children].filter(([, child]) => !this.expected.has(child)).map(([name]) => name);
  }

  /** Sends `signal` to a service and waits until it has exited. */
  async kill(service: ServiceName, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.children.get(service);
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    this.expected.add(child);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  }

  /** Starts a service again (as an orchestrator would) and waits until it is ready. */
  /** Resolves with the seconds it took to be ready. */
  async restart(service: ServiceName, timeoutMs = 180_000): Promise<number> {
    this.lastLines.delete(service);
    this.launch(service);
    const started = Date.now();
    while (!(await this.isReady(service))) {
      if (Date.now() - started > timeoutMs) {
        throw new Error(`${service} not ready ${timeoutMs / 1000} s after its restart; its last lines:\n${(this.lastLines.get(service) ?? []).join('\n')}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    return (Date.now() - started) / 1000;
  }

  async stop(): Promise<void> {
    this.ingestion.close();
    // Callers first, then the services they call.
    for (const group of [['gateway'], ['dispatcher', 'dispatcher-b', 'ingestion', 'audit'], ['registry']] as ServiceName[][]) {
      await Promise.all(group.map((service) => this.kill(service, 'SIGTERM')));
    }
  }
}
