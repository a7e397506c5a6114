import { signAuditRecord, type ProducerKey } from '@hookline/contract';
import { BatchingProducer, createKafka, topicNames, type KafkaOptions } from '@hookline/kafka';
import type { Logger } from '@hookline/logging';
import { eventsV1 } from '@hookline/proto';
import { Backoff, sleep } from '@hookline/retry';
import { Counter, Gauge, type Registry } from '@hookline/telemetry';
import { RecordBuffer } from './record-buffer';

export interface AuditTrailOptions {
  brokers: string;
  /** TLS and SASL for a managed cluster. */
  security?: KafkaOptions['security'];
  topicPrefix: string;
  /** The gateway's certificate and key: every record is signed with it (the audit service refuses unsigned ones). */
  signer: ProducerKey;
  logger: Logger;
  metrics: Registry;
  /** Records kept while Kafka is unreachable; beyond it the oldest are dropped (counted). */
  bufferCapacity?: number;
  /** Largest produce request. */
  batchSize?: number;
  /** How often queued records are sent (ms). */
  flushIntervalMs?: number;
}

/**
 * Sends access records to the audit topic off the request path, each signed with the gateway's
 * certificate key as it is sent (so signing costs the request nothing): records queue in a bounded
 * buffer and a single loop produces them in batches. While Kafka is unreachable the records
 * stay queued (the failures are counted) and are retried with backoff; a fresh producer is made
 * after each failure so a restarted broker is picked up cleanly.
 */
export class AuditTrailSender {
  private readonly buffer: RecordBuffer<eventsV1.AuditRecord>;
  private readonly topic: string;
  private readonly batchSize: number;
  private readonly flushIntervalMs: number;
  private producer: BatchingProducer | null = null;
  private timer: NodeJS.Timeout | null = null;
  private sending: Promise<void> | null = null;
  private readonly backoff = new Backoff({ initialMs: 250, maxMs: 5_000 });
  private retryAt = 0;
  private stopped = false;
  private readonly sent: Counter;
  private readonly unsent: Counter;
  private readonly dropped: Counter;

  constructor(private readonly options: AuditTrailOptions) {
    this.buffer = new RecordBuffer(options.bufferCapacity ?? 100_000);
    this.topic = topicNames(options.topicPrefix).audit;
    this.batchSize = options.batchSize ?? 1_000;
    this.flushIntervalMs = options.flushIntervalMs ?? 50;
    const registers = [options.metrics];
    this.sent = new Counter({ name: 'hookline_gateway_audit_records_sent_total', help: 'Access audit records acknowledged by Kafka', registers });
    this.unsent = new Counter({
      name: 'hookline_gateway_audit_records_unsent_total',
      help: 'Access audit records a produce attempt failed to send (they stay queued and are retried)',
      registers,
    });
    this.dropped = new Counter({ name: 'hookline_gateway_audit_records_dropped_total', help: 'Access audit records dropped because the retry buffer was full', registers });
    const buffer = this.buffer;
    new Gauge({ name: 'hookline_gateway_audit_records_queued', help: 'Access audit records waiting to be sent', registers, collect() { this.set(buffer.size); } });
  }

  /** Queues a record; never blocks and never throws. */
  enqueue(record: eventsV1.AuditRecord): void {
    if (this.stopped) return;
    const dropped = this.buffer.push(record);
    if (dropped) this.dropped.inc(dropped);
    if (!this.timer) this.timer = setTimeout(() => this.tick(), this.flushIntervalMs).unref();
  }

  get queued(): number {
    return this.buffer.size;
  }

  private tick(): void {
    this.timer = null;
    if (this.sending || this.buffer.size === 0) return;
    this.sending = this.sendOnce().finally(() => {
      this.sending = null;
      if (this.buffer.size > 0 && !this.stopped) {
        const wait = Math.max(0, this.retryAt - Date.now());
        this.timer = setTimeout(() => this.tick(), Math.max(wait, this.buffer.size >= this.batchSize ? 0 : this.flushIntervalMs)).unref();
      }
    });
  }

  private async sendOnce(): Promise<void> {
    const batch = this.buffer.peek(this.batchSize);
    try {
      if (!this.producer) {
        const kafka = createKafka({ brokers: this.options.brokers, clientId: 'gateway-audit-trail', logger: this.options.logger, security: this.options.security });
        const producer = new BatchingProducer(kafka);
        await producer.connect();
        this.producer = producer;
      }
      await this.producer.send(
        this.topic,
        batch.map((record) => ({ key: record.orgId, value: Buffer.from(eventsV1.AuditRecord.encode(signAuditRecord(record, this.options.signer)).finish()) })),
      );
      this.buffer.remove(batch);
      this.sent.inc(batch.length);
      this.backoff.reset();
      this.retryAt = 0;
    } catch (error) {
      this.unsent.inc(batch.length);
      this.retryAt = Date.now() + this.backoff.next();
      this.options.logger.warn({ err: error, queued: this.buffer.size }, 'access audit records could not be sent; will retry');
      const failed = this.producer;
      this.producer = null;
      await failed?.disconnect().catch(() => undefined);
    }
  }

  /** Sends what is queued (for up to `graceMs`), then disconnects. */
  async stop(graceMs = 5_000): Promise<void> {
    const deadline = Date.now() + graceMs;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (Date.now() < deadline) {
      if (this.sending) await this.sending;
      if (this.buffer.size === 0 || this.retryAt > deadline) break;
      if (this.retryAt > Date.now()) await sleep(this.retryAt - Date.now());
      this.sending = this.sendOnce().finally(() => (this.sending = null));
    }
    if (this.sending) await this.sending;
    this.stopped = true;
    if (this.buffer.size > 0) this.options.logger.warn({ queued: this.buffer.size }, 'stopping with unsent access audit records');
    await this.producer?.disconnect().catch(() => undefined);
    this.producer = null;
  }
}
