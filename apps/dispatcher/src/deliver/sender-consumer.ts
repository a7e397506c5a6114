import type { Kafka } from '@hookline/kafka';
import type { Logger } from '@hookline/logging';
import { eventsV1 } from '@hookline/proto';
import type { DispatcherMetrics } from '../metrics';
import { PartitionOffsets } from './offset-tracker';
import type { Sender } from './sender';
import type { QueuedTask } from './webhook-lane';

export interface SenderConsumerOptions {
  topic: string;
  groupId: string;
  maxInFlight: number;
  logger: Logger;
  metrics: DispatcherMetrics;
}

export interface RunningSenderConsumer {
  /** Stop fetching, let in-flight deliveries finish and record, commit, disconnect. */
  stop(): Promise<void>;
  assignedPartitions(): number[];
}

const COMMIT_INTERVAL_MS = 100;
const STOP_GRACE_MS = 10_000;

/**
 * The deliveries-topic consumer. Unlike the other consumers its batch handler does not wait for
 * the work: it hands each task to its webhook's lane and returns, so a hanging endpoint never
 * stalls a partition's fetches. Kafka's fetch position moves on at once; the committed offset
 * moves only over the contiguous prefix whose outcomes are durable (hence autoCommit off and
 * explicit commits). In-flight work is bounded: past `maxInFlight` the handler waits.
 */
export async function startSenderConsumer(kafka: Kafka, sender: Sender, options: SenderConsumerOptions): Promise<RunningSenderConsumer> {
  const offsets = new Map<number, PartitionOffsets>();
  let assigned: number[] = [];
  let inFlight = 0;
  let stopping = false;
  const drained: (() => void)[] = [];

  const consumer = kafka.consumer({
    groupId: options.groupId,
    maxWaitTimeInMs: 20,
    sessionTimeout: 10_000,
    heartbeatInterval: 1_000,
    rebalanceTimeout: 10_000,
    retry: { retries: 10, initialRetryTime: 100, maxRetryTime: 2_000 },
  });

  const done = (item: QueuedTask) => {
    inFlight--;
    options.metrics.senderInFlight.set(inFlight);
    offsets.get(item.partition)?.complete(item.offset);
    if (inFlight === 0) drained.splice(0).forEach((resolve) => resolve());
  };
  sender.setOnDone(done);

  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    const now = (payload.memberAssignment[options.topic] ?? []).slice().sort((a, b) => a - b);
    const lost = new Set(assigned.filter((p) => !now.includes(p)));
    for (const partition of lost) offsets.delete(partition);
    // Queued tasks of lost partitions belong to their new owner now (it replays from the commit).
    const dropped = sender.dropPartitions(lost);
    inFlight -= dropped;
    assigned = now;
    options.metrics.assignedPartitions.set(now.length);
    options.logger.info({ partitions: now, dropped }, 'sender partitions assigned');
  });

  const commit = async () => {
    const toCommit: { topic: string; partition: number; offset: string }[] = [];
    for (const [partition, tracker] of offsets) {
      const offset = tracker.takeCommittable();
      if (offset !== null) toCommit.push({ topic: options.topic, partition, offset });
    }
    if (toCommit.length === 0) return;
    try {
      await consumer.commitOffsets(toCommit);
    } catch (error) {
      // Usually a rebalance: the partition's new owner replays from the last commit.
      options.logger.warn({ err: error }, 'committing sender offsets failed');
    }
  };
  const commitTimer = setInterval(() => void commit(), COMMIT_INTERVAL_MS);

  await consumer.connect();
  await consumer.subscribe({ topics: [options.topic], fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachBatchAutoResolve: false,
    partitionsConsumedConcurrently: 4,
    eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
      let tracker = offsets.get(batch.partition);
      if (!tracker) offsets.set(batch.partition, (tracker = new PartitionOffsets()));
      for (const message of batch.messages) {
        if (!isRunning() || isStale() || stopping) return;
        while (inFlight >= options.maxInFlight) {
          await new Promise((resolve) => setTimeout(resolve, 5));
          await heartbeat();
          if (!isRunning() || isStale() || stopping) return;
        }
        // Moves the fetch position only; the commit follows durability (see `commit`).
        resolveOffset(message.offset);
        if (!tracker.begin(message.offset)) continue;
        if (!message.value || message.value.length === 0) {
          tracker.complete(message.offset);
          continue;
        }
        inFlight++;
        sender.enqueue({ task: eventsV1.DeliveryTask.decode(message.value), partition: batch.partition, offset: message.offset });
      }
      options.metrics.senderInFlight.set(inFlight);
    },
  });

  return {
    assignedPartitions: () => assigned,
    async stop() {
      stopping = true;
      await consumer.stop();
      // Bounded: a hanging endpoint must not keep the process from stopping (it is replayed).
      if (inFlight > 0) {
        let grace: NodeJS.Timeout | undefined;
        await Promise.race([new Promise<void>((resolve) => drained.push(resolve)), new Promise((resolve) => (grace = setTimeout(resolve, STOP_GRACE_MS)))]);
        // A pending grace timer would keep the process (or a Jest worker) alive after stop.
        clearTimeout(grace);
      }
      clearInterval(commitTimer);
      await commit();
      sender.stop();
      await consumer.disconnect();
    },
  };
}
