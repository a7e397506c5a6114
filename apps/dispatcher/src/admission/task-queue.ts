import { messageValue, traceHeaders, type BatchingProducer } from '@hookline/kafka';
import { eventsV1 } from '@hookline/proto';
import type { DeliveryTask } from '../model/delivery-task';

/**
 * The deliveries topic as a queue: tasks keyed by webhook id, so every attempt of a webhook —
 * first ones and retries — reaches the one sender that owns it (exact rate limits).
 */
export class DeliveryTaskQueue {
  constructor(
    private readonly producer: BatchingProducer,
    private readonly topic: string,
  ) {}

  /** Resolves once Kafka has acknowledged every task. */
  enqueue(tasks: DeliveryTask[]): Promise<void> {
    return this.producer.send(
      this.topic,
      tasks.map((task) => ({
        key: task.webhookId,
        value: encodeTask(task),
        headers: traceHeaders(task.traceparent) as Record<string, string>,
      })),
    );
  }
}

/**
 * The codec between the pipeline's DeliveryTask and the topic's `eventsV1.DeliveryTask`. The
 * two have the same fields, so neither direction copies; a change to the message that the
 * domain type does not follow fails to compile here, at the edge.
 */
export function encodeTask(task: DeliveryTask): Buffer {
  return messageValue(eventsV1.DeliveryTask.encode(task).finish());
}

export function decodeTask(bytes: Uint8Array): DeliveryTask {
  return eventsV1.DeliveryTask.decode(bytes);
}
