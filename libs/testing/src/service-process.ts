import { readFileSync } from 'node:fs';
import { freePort } from './free-port';
import { testKafkaServiceEnv } from './kafka-access';
import { startTsProcess, type StartedProcess } from './process';
import { waitFor } from './wait-for';

export type ServiceName = 'registry' | 'ingestion' | 'dispatcher' | 'audit' | 'gateway';

/** The five services, in the order they can start: each after the services it calls. */
export const SERVICE_NAMES: readonly ServiceName[] = ['registry', 'ingestion', 'dispatcher', 'audit', 'gateway'];

/**
 * V8 flags every service runs with. A larger young generation (64 MiB semi-spaces instead of
 * 16) lets the short-lived garbage of each delivery die in fewer scavenges: the benchmark's
 * dispatcher spent about a sixth less CPU per delivery with it. The Dockerfiles use the same.
 */
export const SERVICE_NODE_FLAGS = ['--max-semi-space-size=64'];

export interface SpawnServiceOptions {
  /** More Node flags (e.g. `--cpu-prof`). */
  nodeArgs?: string[];
  /** Each line the service prints, as it comes. */
  onLine?: (line: string) => void;
}

/**
 * The one place a service process is spawned (`npm start`, the test harness, the benchmark and
 * the chaos suite all come here): TypeScript from source with tracing preloaded and the
 * service's Node flags. With HOOKLINE_KAFKA_CREDENTIALS in `env` (the broker's users file, see
 * tools/kafka), the service signs in as its own principal and never sees the file.
 */
export function spawnService(name: ServiceName, env: Record<string, string | undefined>, options: SpawnServiceOptions = {}): StartedProcess {
  return startTsProcess(`apps/${name}/src/main.ts`, serviceKafkaSignIn(name, env), [], {
    nodeArgs: [...SERVICE_NODE_FLAGS, ...(options.nodeArgs ?? [])],
    onLine: options.onLine,
  });
}

/** `env` with the service's own KAFKA_SASL_* from HOOKLINE_KAFKA_CREDENTIALS in place of the file. */
function serviceKafkaSignIn(name: ServiceName, env: Record<string, string | undefined>): Record<string, string | undefined> {
  // Set to undefined, not left out: the parent's own HOOKLINE_KAFKA_CREDENTIALS must not leak in.
  const { HOOKLINE_KAFKA_CREDENTIALS: file, ...rest } = { ...env };
  const without = { ...rest, HOOKLINE_KAFKA_CREDENTIALS: undefined };
  if (!file || rest.KAFKA_SASL_USERNAME) return without;
  const credentials = JSON.parse(readFileSync(file, 'utf8')) as { mechanism: string; services?: Record<string, string>; users?: Record<string, string> };
  const username = credentials.services?.[name];
  if (!username || !credentials.users?.[username]) throw new Error(`${file} has no Kafka user for ${name}`);
  return { ...without, KAFKA_SASL_MECHANISM: credentials.mechanism, KAFKA_SASL_USERNAME: username, KAFKA_SASL_PASSWORD: credentials.users[username] };
}

export interface ServiceProcess extends StartedProcess {
  name: ServiceName;
  /** Which instance this is (`dispatcher`, or e.g. `dispatcher-b` for a second one). */
  instance: string;
  /** host:port of its gRPC API (not for the gateway). */
  grpcAddress: string;
  /** Base URL of its HTTP listener: ops (/healthz, /readyz, /metrics), or the REST API for the gateway. */
  httpUrl: string;
  /** Base URL of its ops listener (/healthz, /readyz, /metrics); the gateway's is not its REST port. */
  opsUrl: string;
}

/** A service's two listeners: its API (gRPC, or REST for the gateway) and its ops port. */
export interface ServicePorts {
  api: number;
  ops: number;
}

export const freeServicePorts = async (): Promise<ServicePorts> => ({ api: await freePort(), ops: await freePort() });

/** The variables that put a service's listeners on `ports`. */
export function servicePortEnv(name: ServiceName, ports: ServicePorts): Record<string, string> {
  const upper = name.toUpperCase();
  return { [`HOOKLINE_${upper}_PORT`]: String(ports.api), [`HOOKLINE_${upper}_OPS_PORT`]: String(ports.ops) };
}

export interface StartServiceOptions extends SpawnServiceOptions {
  /** Its listeners' ports (free ones when not given; a restart passes the previous ones). */
  ports?: ServicePorts;
  /** How long it may take to become ready. */
  timeoutMs?: number;
  instance?: string;
}

/**
 * Starts one service as its own process (black box) and waits until it answers ready (/readyz;
 * the gateway's /healthz). `env` carries DATABASE_URL, KAFKA_BROKERS, HOOKLINE_TOPIC_PREFIX, the
 * schema (`HOOKLINE_<SVC>_DB_SCHEMA`) and the addresses of the services it calls. On an
 * authenticated broker it signs in as its own principal, granted the topics of its prefix.
 */
export async function startServiceProcess(name: ServiceName, env: Record<string, string | undefined>, timeoutOrOptions: number | StartServiceOptions = {}): Promise<ServiceProcess> {
  const options = typeof timeoutOrOptions === 'number' ? { timeoutMs: timeoutOrOptions } : timeoutOrOptions;
  const ports = options.ports ?? (await freeServicePorts());
  const kafka =
    env.KAFKA_BROKERS && !env.KAFKA_SASL_USERNAME && !env.HOOKLINE_KAFKA_CREDENTIALS ? await testKafkaServiceEnv(name, env.HOOKLINE_TOPIC_PREFIX ?? '', env.KAFKA_BROKERS) : {};
  const proc = spawnService(name, { LOG_LEVEL: 'warn', ...kafka, ...env, ...servicePortEnv(name, ports) }, options);
  const opsUrl = `http://127.0.0.1:${ports.ops}`;
  const httpUrl = name === 'gateway' ? `http://127.0.0.1:${ports.api}` : opsUrl;
  try {
    await waitFor(
      async () => {
        if (proc.child.exitCode !== null || proc.child.signalCode !== null) throw new Error(`${name} exited: ${proc.output().slice(-2000)}`);
        const res = await fetch(`${httpUrl}/${name === 'gateway' ? 'healthz' : 'readyz'}`, { signal: AbortSignal.timeout(2_000) });
        return res.status === 200;
      },
      { timeoutMs: options.timeoutMs ?? 60_000, intervalMs: 100, message: `${options.instance ?? name} to become ready` },
    );
  } catch (error) {
    await proc.stop(1_000);
    throw new Error(`${String(error)}\n--- ${options.instance ?? name} output ---\n${proc.output().slice(-3000)}`);
  }
  return { ...proc, name, instance: options.instance ?? name, grpcAddress: `127.0.0.1:${ports.api}`, httpUrl, opsUrl };
}
