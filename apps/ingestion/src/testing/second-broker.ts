import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, repoRoot, startProcess, type StartedProcess } from '@hookline/testing';

const LIBS = join(repoRoot, 'tools/kafka/.cache/libs/*');
const JAVA_OPTS = ['-Xmx256m', '-Xms128m', '-XX:+UseSerialGC', '-Djava.awt.headless=true', `-Dlog4j2.configurationFile=${join(repoRoot, 'tools/kafka/log4j2.properties')}`];

/**
 * A throwaway single-node KRaft broker on its own ports and log dir, for tests that must stop
 * and restart Kafka (the shared broker on 9092 must never be stopped). Uses the jars that
 * `tools/kafka/kafka.sh` cached; restarting keeps the port and the data.
 */
export interface SecondBroker {
  /** host:port for KAFKA_BROKERS. */
  brokers: string;
  /** SIGTERM (then SIGKILL after graceMs) and wait for the JVM to exit. */
  stop(graceMs?: number): Promise<void>;
  /** Start again on the same port and log dir; resolves once it answers. */
  start(): Promise<void>;
  /** Stop and delete its data. */
  destroy(): Promise<void>;
  output(): string;
}

function properties(dir: string, port: number, controllerPort: number): string {
  return `process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:${controllerPort}
listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}
advertised.listeners=PLAINTEXT://127.0.0.1:${port}
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=${join(dir, 'data')}
num.partitions=1
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
group.min.session.timeout.ms=1000
num.network.threads=1
num.io.threads=2
num.recovery.threads.per.data.dir=1
background.threads=2
log.cleaner.enable=false
`;
}

async function runToEnd(proc: StartedProcess, what: string): Promise<void> {
  const code = await proc.exited;
  if (code !== 0) throw new Error(`${what} failed (${code}): ${proc.output().slice(-2000)}`);
}

export async function startSecondBroker(): Promise<SecondBroker> {
  const dir = mkdtempSync(join(tmpdir(), 'hookline-kafka-'));
  const [port, controllerPort] = [await freePort(), await freePort()];
  const props = join(dir, 'server.properties');
  writeFileSync(props, properties(dir, port, controllerPort));
  const brokers = `127.0.0.1:${port}`;
  const clusterId = randomBytes(16).toString('base64url');
  await runToEnd(startProcess('java', [...JAVA_OPTS, '-cp', LIBS, 'kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', props], {}), 'storage format');

  let proc: StartedProcess | undefined;
  const start = async () => {
    proc = startProcess('java', [...JAVA_OPTS, '-cp', LIBS, 'kafka.Kafka', props], {});
    const probe = startProcess(process.execPath, [join(repoRoot, 'tools/kafka/probe.cjs'), '--broker', brokers, '--timeout-ms', '90000', '--pid', String(proc.child.pid), '--warm'], {});
    await runToEnd(probe, `second broker on ${brokers}`);
  };
  const stop = async (graceMs = 20_000) => {
    await proc?.stop(graceMs);
  };
  await start();
  return {
    brokers,
    start,
    stop,
    output: () => proc?.output() ?? '',
    async destroy() {
      await stop(5_000);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
