import type { Kafka } from '@hookline/kafka';
import type { Logger } from '@hookline/logging';
import { eventsV1 } from '@hookline/proto';
import type { DispatcherMetrics } from '../metrics';
import { commitPeriodically, TopicOffsets } from './offset-tracker';
import type { DeliveryOwnership } from './ownership';
import type { Sender } from './sender';
import type { QueuedTask } from './webhook-lane';

export interface SenderConsumerOptions {
  topic: string;
  groupId: string;
  logger: Logger;
  metrics: DispatcherMetrics;
  ownership: DeliveryOwnership;
  /** Produces tasks back to the deliveries topic (in-process tasks of a partition lost to a rebalance). */
  requeue: (tasks: eventsV1.DeliveryTask[]) => Promise<void>;
}

export interface RunningSenderConsumer {
  /** Stop fetching, let in-flight deliveries finish and record, commit, disconnect. */
  stop(): Promise<void>;
  assignedPartitions(): number[];
}

const STOP_GRACE_MS = 10_000;

/**
 * The deliveries-topic consumer. Unlike the other consumers its batch handler does not wait for
 * the work: it hands each task to its webhook's lane and returns, so a hanging endpoint never
 * stalls a partition's fetches. Kafka's fetch position moves on at once; the committed offset
 * moves only over the contiguous prefix whose outcomes are durable (hence autoCommit off and
 * explicit commits). In-flight work is bounded: while the sender is full the handler waits.
 * Its assignment is also the instance's ownership of webhooks (see DeliveryOwnership).
 */
export async function startSenderConsumer(kafka: Kafka, sender: Sender, options: SenderConsumerOptions): Promise<RunningSenderConsumer> {
  const offsets = new TopicOffsets(options.topic);
  let assigned: number[] = [];
  let stopping = false;

  const consumer = kafka.consumer({
    groupId: options.groupId,
    maxWaitTimeInMs: 500,
    sessionTimeout: 10_000,
    heartbeatInterval: 1_000,
    rebalanceTimeout: 10_000,
    retry: { retries: 10, initialRetryTime: 100, maxRetryTime: 2_000 },
  });

  // While the group rebalances nothing is known to be owned: the fan-out goes through the topic.
  consumer.on(consumer.events.REBALANCING, () => options.ownership.setOwned([]));
  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    const now = (payload.memberAssignment[options.topic] ?? []).slice().sort((a, b) => a - b);
    const lost = new Set(assigned.filter((p) => !now.includes(p)));
    for (const partition of lost) offsets.forget(partition);
    // Queued tasks of lost partitions belong to their new owner now: it replays those from the
    // topic; the ones the fan-out handed over in process never were on it, so they are put there.
    const dropped = sender.dropPartitions(lost);
    const local = dropped.filter((item) => item.local);
    if (local.length > 0) void requeueUntilDone(local);
    assigned = now;
    options.ownership.setOwned(now);
    options.metrics.assignedPartitions.set(now.length);
    options.logger.info({ partitions: now, dropped: dropped.length }, 'sender partitions assigned');
  });

  const requeueUntilDone = async (items: QueuedTask[]) => {
    for (let backoff = 100; ; backoff = Math.min(backoff * 2, 5_000)) {
      try {
        await options.requeue(items.map((item) => item.task));
        items.forEach((item) => item.done());
        return;
      } catch (error) {
        options.logger.error({ err: error, tasks: items.length }, 'handing in-process tasks of a lost partition to the topic failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, backoff));
      }
    }
  };

  const commits = commitPeriodically(consumer, offsets, options.logger);

  await consumer.connect();
  await consumer.subscribe({ topics: [options.topic], fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachBatchAutoResolve: false,
    partitionsConsumedConcurrently: 4,
    eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
      const tracker = offsets.of(batch.partition);
      for (const message of batch.messages) {
        if (!isRunning() || isStale() || stopping) return;
        while (sender.full) {
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
        const offset = message.offset;
        sender.enqueue({ task: eventsV1.DeliveryTask.decode(message.value), partition: batch.partition, local: false, done: () => tracker.complete(offset) });
      }
    },
  });

  return {
    assignedPartitions: () => assigned,
    async stop() {
      stopping = true;
      await consumer.stop();
      options.ownership.setOwned([]);
      await sender.drain(STOP_GRACE_MS);
      await commits.finish();
      sender.stop();
      await consumer.disconnect();
    },
  };
}
