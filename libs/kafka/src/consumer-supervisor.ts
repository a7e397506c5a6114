import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import type { Logger } from '@hookline/logging';
import { Backoff, sleep } from '@hookline/retry';
import type { ConsumerMetrics } from './consumer-metrics';
import type { ConsumerOptions } from './consumer-options';
import type { TopicOffsets } from './offset-tracker';

export type ConsumerState = 'starting' | 'running' | 'restarting' | 'stopping' | 'stopped';

const RESTART = { initialMs: 500, maxMs: 30_000 };

export interface SupervisorDeps {
  offsets: TopicOffsets;
  metrics: ConsumerMetrics;
  log: Logger;
  eachBatch(payload: EachBatchPayload): Promise<void>;
}

/**
 * Keeps one kafkajs consumer of the group running: makes it, follows its assignment, and after
 * any crash (or a disconnect nobody asked for) replaces it with a new one, with backoff, until
 * one runs or this is closed. Holds the state health and metrics report.
 */
export class ConsumerSupervisor {
  private stateNow: ConsumerState = 'starting';
  private stateSinceMs = Date.now();
  private consumer: Consumer | undefined;
  private assignment: number[] = [];
  private restartCount = 0;
  private closed = false;
  private restarting: Promise<void> | null = null;
  /** Ends a restart's wait when this is closed. */
  private readonly closing = new AbortController();
  /** kafkajs consumers that crashed or left: a restart in progress tries again when its new one is among them. */
  private readonly failed = new WeakSet<Consumer>();

  constructor(
    private readonly kafka: Kafka,
    private readonly options: ConsumerOptions,
    private readonly deps: SupervisorDeps,
  ) {
    deps.metrics.running.set({ consumer: options.name }, 0);
  }

  get state(): ConsumerState {
    return this.stateNow;
  }
  get stateSince(): number {
    return this.stateSinceMs;
  }
  get current(): Consumer | undefined {
    return this.consumer;
  }
  get assigned(): number[] {
    return this.assignment;
  }
  get restarts(): number {
    return this.restartCount;
  }
  get isClosed(): boolean {
    return this.closed;
  }

  setState(next: ConsumerState): void {
    if (this.stateNow === next) return;
    this.stateNow = next;
    this.stateSinceMs = Date.now();
    this.deps.metrics.running.set({ consumer: this.options.name }, next === 'running' ? 1 : 0);
  }

  /** Makes, connects and runs a kafkajs consumer (the first one, or a restart's). */
  async run(): Promise<void> {
    const { options } = this;
    const { topic, groupId } = options;
    const consumer = this.kafka.consumer({
      groupId,
      maxWaitTimeInMs: options.maxWaitTimeInMs ?? 500,
      sessionTimeout: options.sessionTimeout ?? 10_000,
      heartbeatInterval: 1_000,
      rebalanceTimeout: 10_000,
      maxBytesPerPartition: options.maxBytesPerPartition ?? 4 * 1024 * 1024,
      // Every crash comes to `restart` below: kafkajs alone gives up on "non-retriable" ones.
      retry: { retries: 10, initialRetryTime: 100, maxRetryTime: 2_000, restartOnFailure: async () => false },
    });
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      const now = (payload.memberAssignment[topic] ?? []).slice().sort((a, b) => a - b);
      const lost = new Set(this.assignment.filter((p) => !now.includes(p)));
      for (const p of lost) this.deps.offsets.forget(p);
      this.assignment = now;
      if (!this.closed) this.setState('running');
      options.onAssignment?.(now, lost);
    });
    consumer.on(consumer.events.REBALANCING, () => options.onRebalancing?.());
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.deps.log.error({ err: payload.error, groupId }, 'consumer crashed; restarting');
      void this.restart(consumer);
    });
    // A consumer that leaves without being closed (kafkajs disconnects on a crash) is restarted too.
    consumer.on(consumer.events.DISCONNECT, () => {
      if (!this.closed && this.consumer === consumer) void this.restart(consumer);
    });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: options.fromBeginning ?? true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 1,
      eachBatch: this.deps.eachBatch,
    });
  }

  /** No restart from now on; one under way ends at its next step (see `disconnect`). */
  close(): void {
    this.closed = true;
    this.closing.abort();
  }

  /** After `close`: waits for a restart under way, then stops and disconnects the consumer. */
  async disconnect(): Promise<void> {
    await this.restarting;
    const consumer = this.consumer;
    this.consumer = undefined;
    if (consumer) {
      await consumer.stop().catch(() => undefined);
      await consumer.disconnect().catch(() => undefined);
    }
    this.setState('stopped');
  }

  /** Replaces a crashed consumer with a new one, with backoff, until one runs or this is closed. */
  private restart(crashed: Consumer): Promise<void> {
    if (this.closed || this.consumer !== crashed) return this.restarting ?? Promise.resolve();
    // kafkajs reports a failed join from inside `run()`: the loop below must see it, not drop it.
    this.failed.add(crashed);
    if (this.restarting) return this.restarting;
    this.setState('restarting');
    this.restartCount++;
    this.deps.metrics.restarts.inc({ consumer: this.options.name });
    this.restarting = this.replace().finally(() => {
      this.restarting = null;
    });
    return this.restarting;
  }

  private async replace(): Promise<void> {
    const { log } = this.deps;
    const backoff = new Backoff(RESTART);
    for (let attempt = 0; !this.closed; attempt++) {
      await this.consumer?.disconnect().catch(() => undefined);
      // Work handed out by the crashed member is replayed by whoever owns its partitions next.
      this.deps.offsets.clear();
      if (this.assignment.length > 0) this.options.onAssignment?.([], new Set(this.assignment));
      this.assignment = [];
      this.setState('restarting');
      await sleep(backoff.next(), { signal: this.closing.signal, ref: false });
      if (this.closed) return;
      try {
        await this.run();
      } catch (error) {
        log.error({ err: error, attempt }, 'restarting the consumer failed; trying again');
        continue;
      }
      if (this.consumer && this.failed.has(this.consumer)) {
        log.error({ attempt }, 'the restarted consumer crashed while joining; trying again');
        continue;
      }
      log.warn({ attempt }, 'consumer restarted');
      return;
    }
  }
}
