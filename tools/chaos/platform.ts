// The platform a chaos scenario runs against: infrastructure (the shared broker and database, or
// a broker / PostgreSQL of the scenario's own when it stops them) and the five services, each
// of which can be killed and started again. Services are spawned by tools/stack/launch.mjs and
// configured by tools/bench's platformEnv, like the benchmark's.
import type { ChildProcess } from 'node:child_process';
import { startOwnKafkaBroker, startOwnPostgres, type OwnKafkaBroker, type OwnPostgres } from '@hookline/testing';
import { createGrpcClient, type GrpcClient } from '@hookline/grpc';
import { ingestionV1 } from '@hookline/proto';
// @ts-expect-error plain ESM helpers shared with `npm start`
import { resolveKafka, resolvePostgres } from '../stack/infrastructure.mjs';
// @ts-expect-error plain ESM helpers shared with `npm start`
import { launchService, SERVICES } from '../stack/launch.mjs';
import { platformEnv, recreateDatabase } from '../bench/platform';
// @ts-expect-error plain ESM helpers shared with `npm start`
import { publisherIdentity } from '../certs/certificates.mjs';

export type ServiceName = 'registry' | 'ingestion' | 'dispatcher' | 'audit' | 'gateway';

export const say = (line: string) => process.stderr.write(`[chaos] ${line}\n`);

export interface InfraNeeds {
  /** The scenario stops the broker: it gets one of its own. */
  ownKafka?: boolean;
  /** The scenario stops PostgreSQL: it gets one of its own. */
  ownPostgres?: boolean;
}

export interface Infrastructure {
  databaseUrl: string;
  kafkaBrokers: string;
  kafka?: OwnKafkaBroker;
  postgres?: OwnPostgres;
  stop(): Promise<void>;
}

export async function startInfrastructure(needs: InfraNeeds): Promise<Infrastructure> {
  const kafka = needs.ownKafka ? await startOwnKafkaBroker({ heapMb: 512 }) : undefined;
  const postgres = needs.ownPostgres ? await startOwnPostgres({ database: 'hookline_chaos' }) : undefined;
  let databaseUrl = postgres?.url;
  let stopShared: () => Promise<void> = async () => undefined;
  if (!databaseUrl) {
    const shared = await resolvePostgres(say, 'hookline_chaos');
    await recreateDatabase(shared.url);
    databaseUrl = shared.url as string;
    stopShared = shared.stop;
  }
  const kafkaBrokers: string = kafka?.brokers ?? resolveKafka(say).brokers;
  return {
    databaseUrl,
    kafkaBrokers,
    kafka,
    postgres,
    async stop() {
      await kafka?.destroy();
      await postgres?.destroy();
      await stopShared();
    },
  };
}

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
    const { env, ports, operatorKey } = await platformEnv({ databaseUrl: infra.databaseUrl, kafkaBrokers: infra.kafkaBrokers, topicPrefix, maxWebhooksPerOrg: 10 });
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

  private launch(service: ServiceName): void {
    const child: ChildProcess = launchService(service, {
      env: this.env,
      log: (_service: string, line: string) => {
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
      const ready = await Promise.all((SERVICES as ServiceName[]).map((s) => this.isReady(s)));
      if (ready.every(Boolean)) return Date.now() - started;
      await new Promise((r) => setTimeout(r, 250));
    }
    const states = await Promise.all((SERVICES as ServiceName[]).map(async (s) => `${s}=${(await this.isReady(s)) ? 'ready' : 'not ready'}`));
    throw new Error(`platform not ready after ${timeoutMs} ms: ${states.join(', ')}; ${this.unexpectedExits.map((e) => `${e.service} exited ${e.how}`).join(', ')}\n${this.recentErrors().join('\n')}`);
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
    for (const group of [['gateway'], ['dispatcher', 'ingestion', 'audit'], ['registry']] as ServiceName[][]) {
      await Promise.all(group.map((service) => this.kill(service, 'SIGTERM')));
    }
  }
}
