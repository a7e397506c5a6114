import { CompressionTypes, Partitioners, type Kafka, type Message, type Producer } from 'kafkajs';

export interface OutgoingMessage {
  key: string;
  value: Buffer;
  headers?: Record<string, string>;
}

export interface BatchingProducerOptions {
  /**
   * How long sends wait to share one produce request when none is in flight (ms). 0 (the
   * default): until the current tick's other sends are queued. Under load batches form anyway
   * while the previous produce is in flight, so a linger only adds latency.
   */
  lingerMs?: number;
  /** Flush early once this many messages are queued. */
  maxBatchMessages?: number;
  /**
   * Upper bound of one produce request's payload. Kafka refuses a partition's record batch
   * above `message.max.bytes` (1 MiB by default), and kafkajs builds one record batch per
   * partition per request, so keeping the whole request under it keeps every batch under it.
   */
  maxBatchBytes?: number;
}

/** One caller's `send`, possibly split into several parts; settles when every part did. */
interface Send {
  remaining: number;
  failed: boolean;
  resolve: () => void;
  reject: (error: unknown) => void;
}

interface Part {
  topic: string;
  messages: Message[];
  bytes: number;
  send: Send;
}

/** Roughly what a record costs on the wire: key, value, headers and per-record framing. */
const RECORD_OVERHEAD_BYTES = 64;
function recordBytes(message: OutgoingMessage): number {
  let bytes = RECORD_OVERHEAD_BYTES + message.key.length + message.value.length;
  if (message.headers) for (const name in message.headers) bytes += name.length + message.headers[name].length + 8;
  return bytes;
}

/**
 * An acks=all producer that coalesces concurrent `send` calls into one produce request: each
 * caller's promise resolves only once Kafka has acknowledged its messages. One produce is in
 * flight at a time, so batches keep their order; what arrives meanwhile is sent as the next
 * batch the moment the previous one is acknowledged, so batches grow with load instead of
 * queueing behind many small requests. A request never exceeds `maxBatchBytes`: larger
 * backlogs (and larger sends) go out as several requests in order.
 *
 * Not idempotent, on purpose. kafkajs's idempotent producer rewinds its sequence numbers after
 * a failed produce even when the broker had written the batch; the next batch then reuses them,
 * the broker takes it for a retry of the written one and acknowledges it without storing it
 * (an acknowledged event lost), and later produces fail with OUT_OF_ORDER_SEQUENCE_NUMBER until
 * the process restarts (kafkajs issue 598). Discarding the producer id after every error would
 * work around it but keeps depending on that bookkeeping. Without idempotence an
 * acknowledgement always means "written", and the only cost is that a retried produce whose
 * first try was written leaves a duplicate record: every consumer already takes duplicates
 * (at-least-once replays after a crash do the same): deliveries are unique per (event, webhook),
 * the sender resends only undelivered deliveries, audit records are deduplicated by id, the
 * change feed is a last-writer-wins view.
 */
export class BatchingProducer {
  private readonly producer: Producer;
  private queue: Part[] = [];
  private queuedMessages = 0;
  private timer: NodeJS.Timeout | NodeJS.Immediate | null = null;
  private readonly lingerMs: number;
  private readonly maxBatchMessages: number;
  private readonly maxBatchBytes: number;
  private inFlight: Promise<void> | null = null;

  constructor(kafka: Kafka, options: BatchingProducerOptions = {}) {
    // The partitioner named explicitly (it is kafkajs 2's default, Java-compatible murmur2) so
    // kafkajs does not warn at every start that its default changed in 2.0.
    this.producer = kafka.producer({ idempotent: false, maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
    this.lingerMs = options.lingerMs ?? 0;
    this.maxBatchMessages = options.maxBatchMessages ?? 5_000;
    this.maxBatchBytes = options.maxBatchBytes ?? 900_000;
  }

  connect(): Promise<void> {
    return this.producer.connect();
  }

  /** Resolves when every message is acknowledged by all in-sync replicas. */
  send(topic: string, messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const send: Send = { remaining: 0, failed: false, resolve, reject };
      let part: Part = { topic, messages: [], bytes: 0, send };
      for (const message of messages) {
        const bytes = recordBytes(message);
        if (part.messages.length > 0 && (part.bytes + bytes > this.maxBatchBytes || part.messages.length >= this.maxBatchMessages)) {
          this.enqueue(part);
          part = { topic, messages: [], bytes: 0, send };
        }
        part.messages.push(message);
        part.bytes += bytes;
      }
      this.enqueue(part);
      if (this.queuedMessages >= this.maxBatchMessages) this.flush();
      else if (!this.timer && !this.inFlight) this.timer = this.lingerMs > 0 ? setTimeout(() => this.flush(), this.lingerMs) : setImmediate(() => this.flush());
    });
  }

  private enqueue(part: Part): void {
    part.send.remaining++;
    this.queue.push(part);
    this.queuedMessages += part.messages.length;
  }

  private flush(): void {
    if (this.timer) {
      clearTimeout(this.timer as NodeJS.Timeout);
      clearImmediate(this.timer as NodeJS.Immediate);
      this.timer = null;
    }
    if (this.inFlight || this.queue.length === 0) return; // sent when the in-flight produce completes
    // Take whole parts from the head of the queue up to the request size.
    let bytes = 0;
    let messages = 0;
    let taken = 0;
    while (taken < this.queue.length) {
      const part = this.queue[taken];
      if (taken > 0 && (bytes + part.bytes > this.maxBatchBytes || messages + part.messages.length > this.maxBatchMessages)) break;
      bytes += part.bytes;
      messages += part.messages.length;
      taken++;
    }
    const batch = this.queue.splice(0, taken);
    this.queuedMessages -= messages;
    const byTopic = new Map<string, Message[]>();
    for (const part of batch) {
      const list = byTopic.get(part.topic);
      if (!list) byTopic.set(part.topic, part.messages.slice());
      else for (const message of part.messages) list.push(message);
    }
    this.inFlight = this.producer
      .sendBatch({
        acks: -1,
        compression: CompressionTypes.None,
        topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
      })
      .then(
        () => {
          for (const { send } of batch) if (--send.remaining === 0 && !send.failed) send.resolve();
        },
        (error) => {
          for (const { send } of batch) {
            send.remaining--;
            if (!send.failed) {
              send.failed = true;
              send.reject(error);
            }
          }
        },
      )
      .finally(() => {
        this.inFlight = null;
        this.flush();
      });
  }

  /** Flushes what is queued, waits for in-flight sends, then disconnects. */
  async disconnect(): Promise<void> {
    this.flush();
    while (this.inFlight || this.queue.length > 0) {
      await this.inFlight?.catch(() => undefined);
      this.flush();
    }
    await this.producer.disconnect();
  }
}
