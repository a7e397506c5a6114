import { freePort } from './free-port';
import { testKafkaServiceEnv } from './kafka-access';
import { startTsProcess, type StartedProcess } from './process';
import { waitFor } from './wait-for';

export type ServiceName = 'registry' | 'ingestion' | 'dispatcher' | 'audit' | 'gateway';

export interface ServiceProcess extends StartedProcess {
  name: ServiceName;
  /** host:port of its gRPC API (not for the gateway). */
  grpcAddress: string;
  /** Base URL of its HTTP listener: ops (/healthz, /readyz, /metrics), or the REST API for the gateway. */
  httpUrl: string;
  /** Base URL of its ops listener (/healthz, /readyz, /metrics); the gateway's is not its REST port. */
  opsUrl: string;
}

/**
 * Starts one service as its own process (black box) on free ports and waits until its
 * /readyz answers 200. `env` carries DATABASE_URL, KAFKA_BROKERS, HOOKLINE_TOPIC_PREFIX,
 * the schema (`HOOKLINE_<SVC>_DB_SCHEMA`) and the addresses of the services it calls. On an
 * authenticated broker it signs in as its own principal, granted the topics of its prefix.
 */
export async function startServiceProcess(name: ServiceName, env: Record<string, string>, timeoutMs = 60_000): Promise<ServiceProcess> {
  const upper = name.toUpperCase();
  const [grpcPort, httpPort] = await Promise.all([freePort(), freePort()]);
  const ports: Record<string, string> =
    name === 'gateway'
      ? { HOOKLINE_GATEWAY_PORT: String(httpPort), HOOKLINE_GATEWAY_OPS_PORT: String(grpcPort) }
      : { [`HOOKLINE_${upper}_PORT`]: String(grpcPort), [`HOOKLINE_${upper}_OPS_PORT`]: String(httpPort) };
  const kafka = env.KAFKA_BROKERS && !env.KAFKA_SASL_USERNAME ? await testKafkaServiceEnv(name, env.HOOKLINE_TOPIC_PREFIX ?? '', env.KAFKA_BROKERS) : {};
  const proc = startTsProcess(`apps/${name}/src/main.ts`, { LOG_LEVEL: 'warn', ...kafka, ...env, ...ports });
  const httpUrl = `http://127.0.0.1:${httpPort}`;
  try {
    await waitFor(
      async () => {
        if (proc.child.exitCode !== null) throw new Error(`${name} exited: ${proc.output().slice(-2000)}`);
        const res = await fetch(`${httpUrl}/${name === 'gateway' ? 'healthz' : 'readyz'}`);
        return res.status === 200;
      },
      { timeoutMs, intervalMs: 100, message: `${name} to become ready` },
    );
  } catch (error) {
    await proc.stop(1_000);
    throw new Error(`${String(error)}\n--- ${name} output ---\n${proc.output().slice(-3000)}`);
  }
  const opsUrl = name === 'gateway' ? `http://127.0.0.1:${grpcPort}` : httpUrl;
  return { ...proc, name, grpcAddress: `127.0.0.1:${grpcPort}`, httpUrl, opsUrl };
}
