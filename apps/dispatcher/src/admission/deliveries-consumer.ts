import { PoisonRecordError, startConsumer, type DeadLetterSink, type Kafka, type RunningConsumer } from '@hookline/kafka';
import type { Logger } from '@hookline/logging';
import { retryWithBackoff } from '@hookline/retry';
import type { Registry } from '@hookline/telemetry';
import type { DeliveryTask } from '../model/delivery-task';
import type { DispatcherMetrics } from '../metrics';
import type { DeliveryOwnership } from './ownership';
import type { Admission } from './admission';
import { decodeTask } from './task-queue';
import type { QueuedTask } from '../lanes/webhook-lane';

export interface DeliveriesConsumerOptions {
  topic: string;
  groupId: string;
  logger: Logger;
  metrics: DispatcherMetrics;
  metricsRegistry: Registry;
  deadLetters: DeadLetterSink;
  progressIntervalMs: number;
  stuckAfterMs: number;
  ownership: DeliveryOwnership;
  /** Produces tasks back to the deliveries topic (in-process tasks of a partition lost to a rebalance). */
  requeue: (tasks: DeliveryTask[]) => Promise<void>;
  /** `deliveryId#attempt` of the tasks whose attempt is recorded already (replays: not sent again). */
  alreadyMade: (tasks: DeliveryTask[]) => Promise<Set<string>>;
}

/**
 * The deliveries-topic consumer. Unlike the other consumers its handler does not wait for the
 * work: it hands each task to admission (and so to its webhook's lane) and returns, so a hanging endpoint never
 * stalls a partition's fetches. Kafka's fetch position moves on at once; the committed offset
 * moves only over the contiguous prefix whose outcomes are durable. In-flight work is bounded:
 * while admission is full the handler waits for room. Its assignment is also the instance's
 * ownership of webhooks (see DeliveryOwnership).
 */
export async function startDeliveriesConsumer(kafka: Kafka, admission: Admission, options: DeliveriesConsumerOptions): Promise<RunningConsumer> {
  const requeueUntilDone = async (items: QueuedTask[]) => {
    await retryWithBackoff(() => options.requeue(items.map((item) => item.task)), {
      initialMs: 100,
      maxMs: 5_000,
      onRetry: (error) => options.logger.error({ err: error, tasks: items.length }, 'handing in-process tasks of a lost partition to the topic failed; retrying'),
    });
    items.forEach((item) => item.done());
  };

  return startConsumer(kafka, {
    name: 'sender',
    groupId: options.groupId,
    topic: options.topic,
    logger: options.logger,
    metrics: options.metricsRegistry,
    deadLetters: options.deadLetters,
    progressIntervalMs: options.progressIntervalMs,
    stuckAfterMs: options.stuckAfterMs,
    partitionsConsumedConcurrently: 4,
    completion: 'claimed',
    // While the group rebalances nothing is known to be owned: the fan-out goes through the topic.
    onRebalancing: () => options.ownership.setOwned([]),
    onAssignment: (now, lost) => {
      // Queued tasks of lost partitions belong to their new owner now: it replays those from the
      // topic; the ones the fan-out handed over in process never were on it, so they are put there.
      const dropped = admission.dropPartitions(lost);
      const local = dropped.filter((item) => item.local);
      if (local.length > 0) void requeueUntilDone(local);
      options.ownership.setOwned(now);
      options.metrics.assignedPartitions.set(now.length);
      options.logger.info({ partitions: now, dropped: dropped.length }, 'sender partitions assigned');
    },
    handle: async (messages, context) => {
      const tasks: { task: DeliveryTask; offset: string }[] = [];
      for (const message of messages) {
        if (!message.value || message.value.length === 0) {
          context.claim(message.offset)();
          continue;
        }
        try {
          tasks.push({ task: validTask(decodeTask(message.value)), offset: message.offset });
        } catch (error) {
          // Stored before it is claimed: a failure to store retries it rather than losing it.
          await context.deadLetter(message, error instanceof PoisonRecordError ? error : new PoisonRecordError('undecodable delivery task', { cause: error }));
          context.claim(message.offset)();
        }
      }
      // A task replayed after a crash or a rebalance whose attempt is already recorded is done:
      // sending it again would be a duplicate the endpoint sees.
      const made = await options.alreadyMade(tasks.map(({ task }) => task));
      if (made.size > 0) options.metrics.replaysSkipped.inc(made.size);
      for (const { task, offset } of tasks) {
        if (made.has(`${task.deliveryId}#${task.attempt}`)) {
          context.claim(offset)();
          continue;
        }
        await context.until(admission.whenRoom());
        admission.admit({ task, partition: context.partition, local: false, done: context.claim(offset) });
      }
    },
  });
}

/** A task no attempt could ever be recorded for (no delivery id, or text PostgreSQL refuses) is poison. */
function validTask(task: DeliveryTask): DeliveryTask {
  // The envelope and traceparent too: a first attempt's outcome stores them (its delivery row
  // and payload are written only then, in the recorder's batch).
  const texts = [task.deliveryId, task.webhookId, task.orgId, task.eventId, task.eventType, task.traceparent, task.envelopeJson];
  if (!task.deliveryId.startsWith('del_') || !task.webhookId || texts.some((text) => text.includes('\0'))) {
    throw new PoisonRecordError(`invalid delivery task ${JSON.stringify(task.deliveryId)}`);
  }
  return task;
}
