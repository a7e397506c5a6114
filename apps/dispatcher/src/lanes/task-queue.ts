import { traceHeaders, type BatchingProducer } from '@hookline/kafka';
import { eventsV1 } from '@hookline/proto';

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
  enqueue(tasks: eventsV1.DeliveryTask[]): Promise<void> {
    return this.producer.send(
      this.topic,
      tasks.map((task) => ({
        key: task.webhookId,
        value: Buffer.from(eventsV1.DeliveryTask.encode(task).finish()),
        headers: traceHeaders(task.traceparent) as Record<string, string>,
      })),
    );
  }
}
