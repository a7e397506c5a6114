import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { createKafka, deleteConsumerGroup, ensureTopics, startConsumer, type Kafka, type KafkaOptions, type RunningConsumer } from '@hookline/kafka';
import type { Logger } from '@hookline/logging';
import { eventsV1 } from '@hookline/proto';
import type { Registry } from '@hookline/telemetry';
import type { CredentialChangeNotice, FeedPosition } from './api-key-authenticator';

export interface CredentialFeedOptions {
  brokers: string;
  security: KafkaOptions['security'];
  topic: string;
  /** Prefix of this instance's consumer group (the deployment's topic prefix). */
  groupPrefix: string;
  logger: Logger;
  metrics: Registry;
  /** How often the feed's end is compared with what was applied (ms). */
  checkIntervalMs?: number;
}

/** Where changes go (the authenticator's cache). */
export interface CredentialChangeTarget {
  applyChange(notice: CredentialChangeNotice): void;
  /** A message that cannot be read may have named any credential: everything cached is dropped. */
  forgetAll(): void;
}

const RESTART_DELAY_MS = 1_000;

/**
 * Follows the registry's credential feed (hookline.credential-changes.v1) from its beginning into
 * the gateway's credential cache, in a consumer group of this instance's own (every gateway sees
 * every change). It starts in the background: while it is not running, or not seen at the feed's
 * end, `caughtUpAt` stays old and the authenticator asks the registry as it did without a cache.
 * Reading from the beginning (the topic is compacted) means a restarted or re-created group can
 * never skip a change: until it has read everything, it is not at the end.
 */
export class CredentialFeed implements FeedPosition {
  private consumer: RunningConsumer | undefined;
  private stopped = false;
  private starting: Promise<void> = Promise.resolve();
  private target: CredentialChangeTarget | undefined;
  private readonly kafka: Kafka;
  private readonly groupId: string;

  constructor(private readonly options: CredentialFeedOptions) {
    this.kafka = createKafka({ brokers: options.brokers, clientId: 'gateway-credentials', logger: options.logger, security: options.security });
    this.groupId = `${options.groupPrefix}gateway-credentials-${hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`;
  }

  /** Starts following the feed into `target`, in the background (see `started`). */
  start(target: CredentialChangeTarget): void {
    this.target = target;
    this.starting = this.startUntilRunning();
  }

  caughtUpAt(): number {
    return this.consumer?.progress.caughtUpAt ?? 0;
  }

  nextCheck(): Promise<void> {
    return this.consumer ? this.consumer.progress.nextCheck() : new Promise((resolve) => setTimeout(resolve, this.options.checkIntervalMs ?? 250));
  }

  /** Resolves once the consumer runs (or the feed is stopped first). */
  started(): Promise<void> {
    return this.starting;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.starting;
    if (!this.consumer) return;
    await this.consumer.stop();
    await deleteConsumerGroup(this.kafka, this.groupId);
  }

  /** A broker that is away at start is retried until it is back (or the gateway stops). */
  private async startUntilRunning(): Promise<void> {
    for (let attempt = 0; !this.stopped; attempt++) {
      try {
        await ensureTopics(this.kafka, [{ topic: this.options.topic, numPartitions: 1, config: { 'cleanup.policy': 'compact' } }]);
        this.consumer = await startConsumer(this.kafka, {
          name: 'credential-feed',
          groupId: this.groupId,
          topic: this.options.topic,
          fromBeginning: true,
          logger: this.options.logger,
          metrics: this.options.metrics,
          maxWaitTimeInMs: 100,
          progressIntervalMs: this.options.checkIntervalMs ?? 250,
          handle: async (messages) => {
            for (const message of messages) this.handle(message.value);
          },
        });
        if (this.stopped) await this.consumer.stop();
        return;
      } catch (error) {
        if (attempt === 0) this.options.logger.warn({ err: error }, 'credential feed not available yet; API keys are checked with the registry until it is');
        await new Promise((resolve) => setTimeout(resolve, RESTART_DELAY_MS));
      }
    }
  }

  private handle(value: Buffer | null): void {
    // A null value is a compaction tombstone: nothing to apply.
    if (!value || value.length === 0) return;
    let change: eventsV1.CredentialChange;
    try {
      change = eventsV1.CredentialChange.decode(value);
    } catch (error) {
      this.options.logger.warn({ err: error }, 'unreadable credential change; every cached credential is checked with the registry again');
      this.target?.forgetAll();
      return;
    }
    if (!change.credentialId) {
      this.options.logger.warn('credential change without a credential id; every cached credential is checked with the registry again');
      this.target?.forgetAll();
      return;
    }
    this.target?.applyChange({ credentialId: change.credentialId, change: change.change });
  }
}
