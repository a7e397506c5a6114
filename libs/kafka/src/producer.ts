import { CompressionTypes, type Kafka, type Message, type Producer } from 'kafkajs';

export interface OutgoingMessage {
  key: string;
  value: Buffer;
  headers?: Record<string, string>;
}

export interface BatchingProducerOptions {
  /** How long concurrent sends wait to share one produce request (ms). */
  lingerMs?: number;
  /** Flush early once this many messages are queued. */
  maxBatchMessages?: number;
}

interface Pending {
  topic: string;
  messages: Message[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * An idempotent, acks=all producer that coalesces concurrent `send` calls into one produce
 * request: each caller's promise resolves only once Kafka has acknowledged its messages.
 * One produce is in flight at a time (idempotence needs that anyway); what arrives meanwhile
 * is sent as the next batch the moment the previous one is acknowledged, so batches grow
 * with load instead of queueing behind many small requests.
 */
export class BatchingProducer {
  private readonly producer: Producer;
  private queue: Pending[] = [];
  private queuedMessages = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly lingerMs: number;
  private readonly maxBatchMessages: number;
  private inFlight = new Set<Promise<void>>();

  constructor(kafka: Kafka, options: BatchingProducerOptions = {}) {
    this.producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    this.lingerMs = options.lingerMs ?? 2;
    this.maxBatchMessages = options.maxBatchMessages ?? 5_000;
  }

  connect(): Promise<void> {
    return this.producer.connect();
  }

  /** Resolves when every message is acknowledged by all in-sync replicas. */
  send(topic: string, messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ topic, messages, resolve, reject });
      this.queuedMessages += messages.length;
      if (this.queuedMessages >= this.maxBatchMessages) this.flush();
      else if (!this.timer) this.timer = setTimeout(() => this.flush(), this.lingerMs);
    });
  }

  private flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.inFlight.size > 0) return; // sent when the in-flight produce completes
    const batch = this.queue;
    this.queue = [];
    this.queuedMessages = 0;
    if (batch.length === 0) return;
    const byTopic = new Map<string, Message[]>();
    for (const item of batch) {
      const list = byTopic.get(item.topic) ?? [];
      list.push(...item.messages);
      byTopic.set(item.topic, list);
    }
    const sending = this.producer
      .sendBatch({
        acks: -1,
        compression: CompressionTypes.None,
        topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
      })
      .then(
        () => batch.forEach((item) => item.resolve()),
        (error) => batch.forEach((item) => item.reject(error)),
      )
      .finally(() => {
        this.inFlight.delete(sending);
        if (this.queue.length > 0) this.flush();
      });
    this.inFlight.add(sending);
  }

  /** Flushes what is queued, waits for in-flight sends, then disconnects. */
  async disconnect(): Promise<void> {
    this.flush();
    while (this.inFlight.size > 0 || this.queue.length > 0) {
      await Promise.allSettled([...this.inFlight]);
      this.flush();
    }
    await this.producer.disconnect();
  }
}
