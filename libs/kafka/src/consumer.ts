import type { Consumer, Kafka } from 'kafkajs';
import { handleBatches } from './consumer-batches';
import { consumerMetrics } from './consumer-metrics';
import type { ConsumerOptions } from './consumer-options';
import { ConsumerProgress, type PartitionProgress } from './consumer-progress';
import { ConsumerSupervisor, type ConsumerState } from './consumer-supervisor';
import { TopicOffsets } from './offset-tracker';

export type { ConsumerContext, ConsumerOptions } from './consumer-options';
export type { ConsumerState } from './consumer-supervisor';

export interface ConsumerHealth {
  name: string;
  state: ConsumerState;
  healthy: boolean;
  lag: number;
  stuckSeconds: number;
  restarts: number;
  partitions: PartitionProgress[];
}

export interface RunningConsumer {
  readonly name: string;
  readonly state: ConsumerState;
  readonly progress: ConsumerProgress;
  health(): ConsumerHealth;
  assignedPartitions(): number[];
  /** Handed out and not yet completed. */
  readonly inFlight: number;
  /** Stop: no more fetching or handling (in-flight work goes on), the group membership stays. */
  pause(): void;
  /** Resolves once no handler runs (after `pause`, in-flight handlers unwind at their next wait). */
  idle(): Promise<void>;
  /** Commits every partition's completed prefix now. */
  commit(): Promise<void>;
  /** Leaves the group and disconnects (call `pause` and `commit` first to keep finished work). */
  close(): Promise<void>;
  /** pause → commit → close: for consumers whose work is done when their handler returns. */
  stop(): Promise<void>;
  /** The kafkajs consumer now running (tests simulate its loss through it). */
  readonly current: Consumer | undefined;
}

const COMMIT_INTERVAL_MS = 100;

/**
 * The one Kafka consumer of every service: commits by hand (only the contiguous prefix of
 * records whose outcome is durable), retries transient failures with backoff and never skips
 * them, dead-letters records that can never succeed so no record stalls a partition (see
 * handleBatches), restarts itself after any crash (see ConsumerSupervisor), and reports lag,
 * stuck time and its state.
 */
export async function startConsumer(kafka: Kafka, options: ConsumerOptions): Promise<RunningConsumer> {
  const { name, topic, groupId, logger } = options;
  const metrics = consumerMetrics(options.metrics);
  const offsets = new TopicOffsets(topic);
  const stuckAfterMs = options.stuckAfterMs ?? 120_000;
  const log = logger.child({ consumer: name });
  let paused = false;

  const batches = handleBatches(options, { offsets, metrics, log, open: () => !paused && !supervisor.isClosed });
  const supervisor = new ConsumerSupervisor(kafka, options, { offsets, metrics, log, eachBatch: batches.eachBatch });
  const progress = new ConsumerProgress(kafka, {
    name,
    groupId,
    topic,
    fromBeginning: options.fromBeginning ?? true,
    intervalMs: options.progressIntervalMs ?? 5_000,
    metrics,
    logger: log,
    positions: () => offsets.positions(),
  });

  const commit = async () => {
    const commits = offsets.committable();
    const { current, state } = supervisor;
    // Not while restarting: the crashed member's commits would be refused (its successor replays).
    if (commits.length === 0 || !current || (state !== 'running' && state !== 'stopping')) return;
    try {
      await current.commitOffsets(commits);
      offsets.markCommitted(commits);
    } catch (error) {
      // Usually a rebalance: the partition's new owner replays from the last commit; else offered again.
      log.warn({ err: error, topic }, 'committing offsets failed');
    }
  };
  const commitTimer = setInterval(() => void commit(), COMMIT_INTERVAL_MS);
  commitTimer.unref();

  await supervisor.run();
  progress.start();

  const running: RunningConsumer = {
    name,
    get state() {
      return supervisor.state;
    },
    progress,
    get current() {
      return supervisor.current;
    },
    get inFlight() {
      return offsets.inFlight;
    },
    assignedPartitions: () => supervisor.assigned,
    idle: batches.idle,
    health: () => {
      const { state, assigned } = supervisor;
      const notRunningMs = state === 'running' ? 0 : Date.now() - supervisor.stateSince;
      // Only this member's partitions: another instance's stuck partition is its own health's concern.
      const mine = progress.byPartition.filter((p) => assigned.includes(p.partition));
      const stuckMs = Math.max(notRunningMs, ...mine.map((p) => p.stuckMs));
      return {
        name,
        state,
        healthy: state === 'stopping' || state === 'stopped' || stuckMs < stuckAfterMs,
        lag: progress.lag,
        stuckSeconds: Math.round(stuckMs / 1000),
        restarts: supervisor.restarts,
        partitions: progress.byPartition,
      };
    },
    pause: () => {
      if (paused) return;
      paused = true;
      supervisor.setState('stopping');
      try {
        supervisor.current?.pause([{ topic }]);
      } catch {
        // Not running (restarting): nothing is fetched anyway.
      }
    },
    commit,
    close: async () => {
      supervisor.close();
      clearInterval(commitTimer);
      await progress.stop();
      await supervisor.disconnect();
    },
    stop: async () => {
      running.pause();
      await running.commit();
      await running.close();
    },
  };
  return running;
}

/** Readiness of a service's consumers: each one's state, lag and stuck time; unready if any is stuck. */
export function consumersHealth(consumers: RunningConsumer[]): { healthy: boolean; consumers: ConsumerHealth[] } {
  const health = consumers.map((consumer) => consumer.health());
  return { healthy: health.every((h) => h.healthy), consumers: health };
}
