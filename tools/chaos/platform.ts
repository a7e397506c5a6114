// The platform a chaos scenario runs against: infrastructure (the shared broker and database, or
// a broker / PostgreSQL of the scenario's own when it stops them) and the five services, each
// of which can be killed and started again: libs/testing's platform harness with the
// benchmark's settings (tools/bench/platform.ts).
import { randomBytes } from 'node:crypto';
import { startPlatform, type Platform } from '@hookline/testing';
import { createGrpcClient, type GrpcClient } from '@hookline/grpc';
import { ingestionV1 } from '@hookline/proto';
import { platformSettings } from '../bench/platform';
import type { Infrastructure } from './infrastructure';
// @ts-expect-error plain ESM helpers shared with `npm start`
import { publisherIdentity } from '../certs/certificates.mjs';

export type ServiceName = 'registry' | 'ingestion' | 'dispatcher' | 'audit' | 'gateway' | 'dispatcher-b';

export interface UnexpectedExit {
  service: ServiceName;
  how: string;
  atMs: number;
}

/** Lines worth keeping of what the services log, for a failing scenario's report. */
class ServiceLines {
  readonly errors: string[] = [];
  readonly last = new Map<string, string[]>();
  /** Every line a service logged that matches a watched pattern (e.g. the dispatcher's stop summary). */
  readonly watched: { service: ServiceName; line: string }[] = [];

  add(service: string, line: string): void {
    if (/"msg":"(dispatcher stopping|dispatcher stopped)"/.test(line)) this.watched.push({ service: service as ServiceName, line });
    const last = this.last.get(service) ?? [];
    last.push(line.slice(0, 400));
    if (last.length > 15) last.shift();
    this.last.set(service, last);
    if (/"level":"(error|fatal)"/.test(line) || !line.startsWith('{')) {
      this.errors.push(`${service}: ${line.slice(0, 500)}`);
      if (this.errors.length > 200) this.errors.shift();
    }
  }
}

export class ChaosPlatform {
  readonly gateway: string;
  readonly operatorKey: string;
  readonly ingestion: GrpcClient<typeof ingestionV1.IngestionServiceService>;

  private constructor(
    private readonly platform: Platform,
    private readonly lines: ServiceLines,
  ) {
    this.gateway = platform.gatewayUrl;
    this.operatorKey = platform.operatorKey;
    this.ingestion = createGrpcClient(ingestionV1.IngestionServiceService, platform.service('ingestion').grpcAddress, {
      // A platform team's publisher, as the benchmark publishes: its own certificate from the local CA.
      tls: publisherIdentity('chaos', platformSettings({ maxWebhooksPerOrg: 10 }).HOOKLINE_TLS_DIR),
      peerName: 'ingestion',
      deadlineMs: 10_000,
    });
  }

  static async start(infra: Infrastructure, topicPrefix: string, extraEnv: Record<string, string> = {}): Promise<ChaosPlatform> {
    const lines = new ServiceLines();
    const platform = await startPlatform({
      databaseUrl: infra.databaseUrl,
      kafkaBrokers: infra.kafkaBrokers,
      kafkaCredentials: infra.kafkaCredentials,
      topicPrefix,
      operatorKey: `hkop_${randomBytes(24).toString('base64url')}`,
      env: { ...platformSettings({ maxWebhooksPerOrg: 10 }), ...extraEnv },
      // The dispatcher's stop summary (deliveries in flight at the signal) is an info line.
      serviceEnv: { dispatcher: { LOG_LEVEL: 'info' } },
      startTimeoutMs: 300_000,
      onLine: (service, line) => lines.add(service, line),
    });
    return new ChaosPlatform(platform, lines);
  }

  /** Services that exited without being told to: any entry fails a scenario. */
  get unexpectedExits(): UnexpectedExit[] {
    return this.platform.unexpectedExits.map((exit) => ({ service: exit.instance as ServiceName, how: exit.how, atMs: exit.atMs }));
  }

  get watchedLines(): { service: ServiceName; line: string }[] {
    return this.lines.watched;
  }

  /** The last error lines the services logged (for a failing scenario's report). */
  recentErrors(): string[] {
    return this.lines.errors.slice(-20);
  }

  /** Starts a second dispatcher (own ports and instance id) sharing the work with the first. */
  async addDispatcher(): Promise<void> {
    try {
      await this.platform.startInstance('dispatcher-b', 'dispatcher', { HOOKLINE_DISPATCHER_INSTANCE_ID: 'chaos-dispatcher-b' });
    } catch (error) {
      throw new Error(`the second dispatcher is not ready: ${String(error)}\nits last lines:\n${(this.lines.last.get('dispatcher-b') ?? []).join('\n')}`);
    }
  }

  isReady(service: ServiceName): Promise<boolean> {
    return this.platform.isReady(service);
  }

  /** Waits until every running service is ready; resolves with the milliseconds it took. */
  async waitAllReady(timeoutMs: number): Promise<number> {
    try {
      return await this.platform.waitAllReady(timeoutMs);
    } catch (error) {
      const exits = this.unexpectedExits.map((e) => `${e.service} exited ${e.how}`).join(', ');
      throw new Error(`platform not ready after ${timeoutMs} ms: ${String(error)}; ${exits}\n${this.recentErrors().join('\n')}`);
    }
  }

  /** Sends `signal` to a service and waits until it has exited. */
  kill(service: ServiceName, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    return this.platform.kill(service, signal);
  }

  /** Starts a service again (as an orchestrator would); resolves with the seconds it took to be ready. */
  async restart(service: ServiceName, timeoutMs = 180_000): Promise<number> {
    this.lines.last.delete(service);
    try {
      return await this.platform.restart(service, timeoutMs);
    } catch (error) {
      throw new Error(`${String(error)}\nits last lines:\n${(this.lines.last.get(service) ?? []).join('\n')}`);
    }
  }

  async stop(): Promise<void> {
    this.ingestion.close();
    await this.platform.stop();
  }
}
