import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { freePort } from './free-port';
import { KAFKA_ACCESS_CLI, registerKafkaCredentials, testKafkaSecurity } from './kafka-access';
import { repoRoot } from './process';
import { waitFor } from './wait-for';

/** A single-node Kafka broker of the caller's own, which it may stop and start at will. */
export interface OwnKafkaBroker {
  /** host:port, for KAFKA_BROKERS. */
  brokers: string;
  /**
   * Its users' credentials (0600), as tools/kafka writes them: it requires SCRAM sign-in and
   * authorizes by the ACLs of libs/kafka's access table, as the local broker does.
   * startServiceProcess and testKafkaSecurity find them by `brokers`.
   */
  credentialsFile: string;
  /** Starts (or restarts) the broker on the same ports and data, and waits until it answers. */
  start(): Promise<void>;
  /** Stops the broker: SIGTERM (a clean shutdown) or SIGKILL (a crash). */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  /**
   * Freezes the broker process (SIGSTOP): connections stay open and nothing answers, as in a
   * long GC pause or a network partition; requests already sent are handled once it resumes.
   */
  pause(): void;
  /** Lets a paused broker run again (SIGCONT). */
  resume(): void;
  /** Stops it for good and removes its data. */
  destroy(): Promise<void>;
  /** The broker's output so far. */
  output(): string;
}

const LIBS = join(repoRoot, 'tools/kafka/.cache/libs');

/**
 * Starts a Kafka broker (KRaft, broker and controller in one) from the jars tools/kafka caches,
 * on free ports with its data in a fresh temporary directory. Tests and the chaos suite that
 * stop or kill a broker use one of these, never the shared broker.
 */
export async function startOwnKafkaBroker({ heapMb = 384 }: { heapMb?: number } = {}): Promise<OwnKafkaBroker> {
  const [port, controllerPort] = [await freePort(), await freePort()];
  const dir = mkdtempSync(join(tmpdir(), 'hookline-kafka-'));
  chmodSync(dir, 0o700);
  const props = join(dir, 'server.properties');
  const credentialsFile = join(dir, 'credentials.json');
  // Random passwords for the administrator and every service (tools/kafka/access.ts).
  const users = execFileSync(process.execPath, ['--import', 'tsx', KAFKA_ACCESS_CLI, 'credentials', credentialsFile], { cwd: repoRoot, encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.startsWith('SCRAM-SHA-256='));
  const adminPassword = /name=hookline-admin,password=([^\]]+)\]/.exec(users.join('\n'))?.[1];
  if (!adminPassword) throw new Error(`no administrator in ${credentialsFile}`);
  writeFileSync(
    props,
    [
      'process.roles=broker,controller',
      'node.id=1',
      `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
      `listeners=SASL_PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
      `advertised.listeners=SASL_PLAINTEXT://127.0.0.1:${port}`,
      'controller.listener.names=CONTROLLER',
      'inter.broker.listener.name=SASL_PLAINTEXT',
      'listener.security.protocol.map=CONTROLLER:SASL_PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT',
      'sasl.enabled.mechanisms=SCRAM-SHA-256',
      'sasl.mechanism.inter.broker.protocol=SCRAM-SHA-256',
      `listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="hookline-admin" password="${adminPassword}";`,
      'sasl.mechanism.controller.protocol=PLAIN',
      'listener.name.controller.sasl.enabled.mechanisms=PLAIN',
      `listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="hookline-admin" password="${adminPassword}" user_hookline-admin="${adminPassword}";`,
      'authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer',
      'super.users=User:hookline-admin',
      'allow.everyone.if.no.acl.found=false',
      `log.dirs=${join(dir, 'data')}`,
      'num.partitions=1',
      'default.replication.factor=1',
      'min.insync.replicas=1',
      'offsets.topic.replication.factor=1',
      'transaction.state.log.replication.factor=1',
      'transaction.state.log.min.isr=1',
      'share.coordinator.state.topic.replication.factor=1',
      'share.coordinator.state.topic.min.isr=1',
      'auto.create.topics.enable=false',
      'group.initial.rebalance.delay.ms=0',
      'group.min.session.timeout.ms=1000',
      'offsets.topic.num.partitions=1',
      'num.network.threads=2',
      'num.io.threads=2',
      'background.threads=2',
      'log.cleaner.threads=1',
      'log.cleaner.dedupe.buffer.size=8388608',
      '',
    ].join('\n'),
  );
  const java = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin/java') : 'java';
  const jvm = [`-Xmx${heapMb}m`, '-Xms128m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-Djava.awt.headless=true', `-Dlog4j2.configurationFile=${join(repoRoot, 'tools/kafka/log4j2.properties')}`];
  const format = spawnSync(java, [...jvm, '-cp', `${LIBS}/*`, 'kafka.tools.StorageTool', 'format', '-t', 'hooklineOwnBrokerAAAAA', '-c', props, ...users.flatMap((user) => ['--add-scram', user])], {
    encoding: 'utf8',
  });
  if (format.status !== 0) throw new Error(`kafka storage format failed (are the jars in ${LIBS}? run tools/kafka/kafka.sh fetch): ${format.stderr || format.stdout}`);

  const brokers = `127.0.0.1:${port}`;
  registerKafkaCredentials(brokers, credentialsFile);
  let child: ChildProcess | null = null;
  let output = '';
  const exited = (c: ChildProcess) => c.exitCode !== null || c.signalCode !== null;

  const broker: OwnKafkaBroker = {
    brokers,
    credentialsFile,
    output: () => output,
    async start() {
      if (child && !exited(child)) return;
      const started = spawn(java, [...jvm, '-cp', `${LIBS}/*`, 'kafka.Kafka', props], { stdio: ['ignore', 'pipe', 'pipe'] });
      child = started;
      started.stdout!.on('data', (chunk) => (output = (output + chunk).slice(-20_000)));
      started.stderr!.on('data', (chunk) => (output = (output + chunk).slice(-20_000)));
      const kafka = new Kafka({ clientId: 'own-broker-probe', brokers: [brokers], ...testKafkaSecurity(brokers), connectionTimeout: 1_000, retry: { retries: 0 }, logLevel: logLevel.NOTHING });
      await waitFor(
        async () => {
          if (exited(started)) throw new Error(`broker exited: ${output.slice(-2_000)}`);
          const admin = kafka.admin();
          try {
            await admin.connect();
            await admin.listTopics();
            return true;
          } finally {
            await admin.disconnect().catch(() => undefined);
          }
        },
        { timeoutMs: 180_000, intervalMs: 250, message: `the broker on ${brokers} to answer` },
      );
    },
    pause() {
      if (!child || exited(child)) throw new Error('the broker is not running');
      child.kill('SIGSTOP');
    },
    resume() {
      if (child && !exited(child)) child.kill('SIGCONT');
    },
    async stop(signal = 'SIGTERM') {
      const running = child;
      if (!running || exited(running)) return;
      // A paused broker would not act on SIGTERM until resumed.
      running.kill('SIGCONT');
      const gone = new Promise((resolve) => running.once('exit', resolve));
      running.kill(signal);
      const timer = setTimeout(() => running.kill('SIGKILL'), 30_000);
      await gone;
      clearTimeout(timer);
    },
    async destroy() {
      await broker.stop('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await broker.start();
  return broker;
}
