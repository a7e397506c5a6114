// The whole platform (or part of it) as real processes: the one harness the end-to-end suites,
// the gateway's integration suites, the benchmark and the chaos suite start services with.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { testDatabaseUrl, testKafkaBrokers } from './infrastructure';
import { registerKafkaCredentials } from './kafka-access';
import { repoRoot } from './process';
import { callApi, createOrganization, type ApiAnswer, type Organization, type RequestOptions } from './rest-client';
import { freeServicePorts, SERVICE_NAMES, startServiceProcess, type ServiceName, type ServicePorts, type ServiceProcess } from './service-process';
import { uniqueSuffix, uniqueTopicPrefix } from './unique';
import { waitFor } from './wait-for';

export interface PlatformOptions {
  /** Which services run (default: all five); each starts after the services it calls. */
  services?: readonly ServiceName[];
  /** The shared test database and broker unless given (suites that stop them bring their own). */
  databaseUrl?: string;
  kafkaBrokers?: string;
  /** The broker's users file (tools/kafka), when `kafkaBrokers` is not the test broker. */
  kafkaCredentials?: string;
  /** Topic prefix (default: a unique one). */
  topicPrefix?: string;
  /** Each service on its own fresh schema (`t_<service>_<suffix>`); their default schemas otherwise. */
  freshSchemas?: boolean;
  /** Settings every service gets. */
  env?: Record<string, string | undefined>;
  /** Settings of one service. */
  serviceEnv?: Partial<Record<ServiceName, Record<string, string | undefined>>>;
  operatorKey?: string;
  masterKey?: string;
  /** How long each service may take to become ready (a busy CI machine compiles slowly). */
  startTimeoutMs?: number;
  /** More Node flags for every service (e.g. `--cpu-prof`). */
  nodeArgs?: string[];
  /** Each line a service instance prints. */
  onLine?: (instance: string, line: string) => void;
}

export interface UnexpectedExit {
  instance: string;
  how: string;
  atMs: number;
}

export interface Platform {
  gatewayUrl: string;
  /** The operator's key, for `/v1/admin` (catalog, organizations). */
  operatorKey: string;
  /** The deployment's master key (the registry seals secrets with it, the gateway its replay records). */
  masterKey: string;
  topicPrefix: string;
  databaseUrl: string;
  kafkaBrokers: string;
  /** The running service instances. */
  readonly services: ServiceProcess[];
  /** A running instance by name (`dispatcher`, `dispatcher-b`); throws when there is none. */
  service(instance: string): ServiceProcess;
  /** The schema a service runs on (with `freshSchemas`), for suites that check what it stores. */
  schemaOf(name: ServiceName): string | undefined;
  /** Instances that exited without being stopped through the platform. */
  readonly unexpectedExits: UnexpectedExit[];
  api(method: string, path: string, options?: RequestOptions): Promise<ApiAnswer>;
  createOrganization(name?: string): Promise<Organization>;
  /** Every instance's output so far (the last `chars` of each), for failure messages. */
  output(chars?: number): string;
  /** Whether an instance answers its readiness probe with 200. */
  isReady(instance: string): Promise<boolean>;
  /** Waits until every running instance is ready; resolves with the milliseconds it took. */
  waitAllReady(timeoutMs: number): Promise<number>;
  /**
   * Starts another instance of a service on its own ports beside the first (e.g. a second
   * dispatcher, or a gateway with other settings on the same schema).
   */
  startInstance(instance: string, name: ServiceName, env?: Record<string, string | undefined>): Promise<ServiceProcess>;
  /** Sends `signal` to an instance and waits until it has exited (SIGKILL after 20 s). */
  kill(instance: string, signal?: NodeJS.Signals): Promise<void>;
  /** Starts a stopped instance again on its ports, as an orchestrator would; resolves with the seconds until ready. */
  restart(instance: string, timeoutMs?: number): Promise<number>;
  /** Stops every instance: callers first, then the services they call. */
  stop(): Promise<void>;
}

interface Instance {
  name: ServiceName;
  ports: ServicePorts;
  env: Record<string, string | undefined>;
  process?: ServiceProcess;
}

const STOP_ORDER: ServiceName[][] = [['gateway'], ['dispatcher', 'ingestion', 'audit'], ['registry']];

export async function startPlatform(options: PlatformOptions = {}): Promise<Platform> {
  const names = SERVICE_NAMES.filter((name) => (options.services ?? SERVICE_NAMES).includes(name));
  const suffix = uniqueSuffix();
  const databaseUrl = options.databaseUrl ?? testDatabaseUrl;
  const kafkaBrokers = options.kafkaBrokers ?? testKafkaBrokers;
  if (options.kafkaCredentials) registerKafkaCredentials(kafkaBrokers, options.kafkaCredentials);
  const topicPrefix = options.topicPrefix ?? uniqueTopicPrefix('tplat');
  const operatorKey = options.operatorKey ?? `op_${randomBytes(16).toString('hex')}`;
  const masterKey = options.masterKey ?? randomBytes(32).toString('hex');
  const schemas = new Map(names.map((name) => [name, options.freshSchemas ? `t_${name}_${suffix}` : undefined]));

  // Every port is chosen before anything starts: each service knows where the others listen, and
  // a restarted one comes back where its callers look for it.
  const instances = new Map<string, Instance>();
  for (const name of names) instances.set(name, { name, ports: await freeServicePorts(), env: {} });
  const addressOf = (name: ServiceName) => `127.0.0.1:${instances.get(name)!.ports.api}`;
  const has = (name: ServiceName) => instances.has(name);
  const common: Record<string, string | undefined> = {
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: kafkaBrokers,
    HOOKLINE_TOPIC_PREFIX: topicPrefix,
    HOOKLINE_OPERATOR_KEY: operatorKey,
    HOOKLINE_MASTER_KEY: masterKey,
    HOOKLINE_EVENT_CATALOG: join(repoRoot, 'deploy/catalog/example-catalog.yaml'),
    HOOKLINE_GATEWAY_HOST: '127.0.0.1',
    HOOKLINE_ALLOW_INSECURE_URLS: 'true',
    HOOKLINE_EGRESS_ALLOW_CIDRS: '127.0.0.0/8',
    HOOKLINE_API_RATE_LIMIT_RPS: '10000',
    LOG_LEVEL: 'warn',
    ...(has('registry') ? { HOOKLINE_REGISTRY_ADDR: addressOf('registry') } : {}),
    ...(has('ingestion') ? { HOOKLINE_INGESTION_ADDR: addressOf('ingestion') } : {}),
    ...(has('dispatcher') ? { HOOKLINE_DISPATCHER_ADDR: addressOf('dispatcher') } : {}),
    ...(has('audit') ? { HOOKLINE_AUDIT_ADDR: addressOf('audit'), HOOKLINE_AUDIT_DB_ROLE: 'none' } : {}),
    ...options.env,
  };
  for (const instance of instances.values()) {
    const name = instance.name;
    const schema = schemas.get(name);
    instance.env = { ...common, ...(schema ? { [`HOOKLINE_${name.toUpperCase()}_DB_SCHEMA`]: schema } : {}), ...options.serviceEnv?.[name] };
  }

  const unexpectedExits: UnexpectedExit[] = [];
  const stopping = new Set<ServiceProcess>();
  const running = () => [...instances.values()].flatMap((i) => (i.process ? [i.process] : []));
  const instanceOf = (instance: string) => {
    const found = instances.get(instance);
    if (!found) throw new Error(`no service instance ${instance}`);
    return found;
  };

  const launch = async (instanceName: string, timeoutMs = options.startTimeoutMs ?? 120_000): Promise<ServiceProcess> => {
    const instance = instanceOf(instanceName);
    const started = await startServiceProcess(instance.name, instance.env, {
      ports: instance.ports,
      timeoutMs,
      nodeArgs: options.nodeArgs,
      instance: instanceName,
      onLine: options.onLine && ((line) => options.onLine!(instanceName, line)),
    });
    void started.exited.then((how) => {
      if (!stopping.has(started)) unexpectedExits.push({ instance: instanceName, how: String(how), atMs: Date.now() });
    });
    instance.process = started;
    return started;
  };
  const kill = async (instanceName: string, signal: NodeJS.Signals = 'SIGTERM') => {
    const proc = instanceOf(instanceName).process;
    if (!proc) return;
    stopping.add(proc);
    if (proc.child.exitCode === null && proc.child.signalCode === null) proc.child.kill(signal);
    await proc.stop(20_000);
  };
  const isReady = async (instanceName: string) => {
    const proc = instances.get(instanceName)?.process;
    if (!proc || stopping.has(proc)) return false;
    const probe = proc.name === 'gateway' ? `${proc.httpUrl}/readyz` : `${proc.opsUrl}/readyz`;
    return fetch(probe, { signal: AbortSignal.timeout(2_000) }).then(
      (res) => res.status === 200,
      () => false,
    );
  };
  const stop = async () => {
    for (const group of STOP_ORDER) {
      await Promise.all([...instances.entries()].filter(([, i]) => group.includes(i.name)).map(([name]) => kill(name, 'SIGTERM')));
    }
  };

  try {
    for (const name of names) await launch(name);
  } catch (error) {
    await stop();
    throw error;
  }
  const gatewayUrl = has('gateway') ? `http://127.0.0.1:${instances.get('gateway')!.ports.api}` : '';

  return {
    gatewayUrl,
    operatorKey,
    masterKey,
    topicPrefix,
    databaseUrl,
    kafkaBrokers,
    get services() {
      return running().filter((p) => !stopping.has(p));
    },
    service(instanceName) {
      const proc = instanceOf(instanceName).process;
      if (!proc) throw new Error(`${instanceName} is not running`);
      return proc;
    },
    schemaOf: (name) => schemas.get(name),
    unexpectedExits,
    api: (method, path, requestOptions = {}) => callApi(gatewayUrl, method, path, requestOptions),
    createOrganization: (name) => createOrganization(gatewayUrl, operatorKey, name ?? `Test org ${uniqueSuffix()}`),
    output: (chars = 3000) => running().map((p) => `--- ${p.instance} ---\n${p.output().slice(-chars)}`).join('\n'),
    isReady,
    async waitAllReady(timeoutMs) {
      const began = Date.now();
      const names = [...instances.entries()].filter(([, i]) => i.process && !stopping.has(i.process)).map(([name]) => name);
      await waitFor(async () => (await Promise.all(names.map(isReady))).every(Boolean), { timeoutMs, intervalMs: 250, message: `${names.join(', ')} to be ready` });
      return Date.now() - began;
    },
    async startInstance(instanceName, name, env = {}) {
      if (instances.has(instanceName)) throw new Error(`${instanceName} exists already`);
      instances.set(instanceName, { name, ports: await freeServicePorts(), env: { ...instanceOf(name).env, ...env } });
      return launch(instanceName);
    },
    kill,
    async restart(instanceName, timeoutMs = 180_000) {
      const began = Date.now();
      await launch(instanceName, timeoutMs).catch((error: unknown) => {
        throw new Error(`${instanceName} not ready ${timeoutMs / 1000} s after its restart: ${String(error)}`);
      });
      return (Date.now() - began) / 1000;
    },
    stop,
  };
}
