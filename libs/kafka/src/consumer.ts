import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import type { Logger } from '@hookline/logging';
import { Backoff, retryWithBackoff, sleep } from '@hookline/retry';
import type { Registry } from '@hookline/telemetry';
import { consumerMetrics, type ConsumerMetrics } from './consumer-metrics';
import { ConsumerProgress, type PartitionProgress } from './consumer-progress';
import type { DeadLetterSink } from './dead-letters';
import { TopicOffsets } from './offset-tracker';
import { isPoisonError } from './poison';

export type ConsumerState = 'starting' | 'running' | 'restarting' | 'stopping' | 'stopped';

export interface ConsumerContext {
  topic: string;
  partition: number;
  /**
   * Hands out every message up to and including `offset`; call the returned function once their
   * outcome is durable (only then may the offset be committed). For handlers that finish work
   * after they return (`completion: 'claimed'`).
   */
  claim(offset: string): () => void;
  /** Writes a record that can never succeed to the dead-letter table; the partition moves on. */
  deadLetter(message: KafkaMessage, error: unknown): Promise<void>;
  /**
   * Back-pressure: waits for `ready` while keeping the group membership alive; throws (ending
   * the handler, nothing claimed) when the consumer stops or loses the partition first.
   */
  until(ready: Promise<unknown>): Promise<void>;
  heartbeat(): Promise<void>;
}

export interface ConsumerOptions {
  /** Names the consumer in metrics, logs and health (e.g. `fan-out`). */
  name: string;
  groupId: string;
  topic: string;
  fromBeginning?: boolean;
  logger: Logger;
  metrics: Registry;
  /** Where poison records go; without one they are retried like transient failures (never skipped). */
  deadLetters?: DeadLetterSink;
  /**
   * Handles a chunk of fresh messages of one partition (never one handed out before). Throw a
   * PoisonRecordError (or let the database refuse a value) for a record that can never succeed:
   * the chunk is then retried one record at a time and the bad one dead-lettered; any other
   * error is retried with backoff.
   */
  handle(messages: KafkaMessage[], context: ConsumerContext): Promise<void>;
  /** 'returned' (default): a chunk is done when `handle` returns. 'claimed': the handler claims. */
  completion?: 'returned' | 'claimed';
  /** Most messages per `handle` call (default: the fetched batch). */
  chunkSize?: number;
  partitionsConsumedConcurrently?: number;
  maxWaitTimeInMs?: number;
  sessionTimeout?: number;
  maxBytesPerPartition?: number;
  /** How often lag and stuck time are checked (default 5 s). */
  progressIntervalMs?: number;
  /** Health fails once lag has not moved (or the consumer has not run) for this long (default 120 s). */
  stuckAfterMs?: number;
  /** The partitions this member owns now, and those it lost (after every group join). */
  onAssignment?(partitions: number[], lost: Set<number>): void;
  onRebalancing?(): void;
}

export interface ConsumerHealth {
  name: string;
  state: ConsumerState;
  healthy: boolean;
  lag: number;
  stuckSeconds: number;
  restarts: number;
  partitions: PartitionProgress[];
}

export interface RunningConsumer {
  readonly name: string;
  readonly state: ConsumerState;
  readonly progress: ConsumerProgress;
  health(): ConsumerHealth;
  assignedPartitions(): number[];
  /** Handed out and not yet completed. */
  readonly inFlight: number;
  /** Stop: no more fetching or handling (in-flight work goes on), the group membership stays. */
  pause(): void;
  /** Resolves once no handler runs (after `pause`, in-flight handlers unwind at their next wait). */
  idle(): Promise<void>;
  /** Commits every partition's completed prefix now. */
  commit(): Promise<void>;
  /** Leaves the group and disconnects (call `pause` and `commit` first to keep finished work). */
  close(): Promise<void>;
  /** pause → commit → close: for consumers whose work is done when their handler returns. */
  stop(): Promise<void>;
  /** The kafkajs consumer now running (tests simulate its loss through it). */
  readonly current: Consumer | undefined;
}

/** Thrown inside a handler to unwind it when the consumer stops or the partition is lost. */
class NotActive extends Error {}
/** A group-membership failure inside a handler: kafkajs handles it (rejoin), never retried here. */
class MembershipLost extends Error {}

const COMMIT_INTERVAL_MS = 100;
const RETRY = { initialMs: 100, maxMs: 10_000 };
const RESTART = { initialMs: 500, maxMs: 30_000 };

const delay = (ms: number, signal?: AbortSignal) => sleep(ms, { signal, ref: false });
const describe = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/**
 * The one Kafka consumer of every service: commits by hand (only the contiguous prefix of
 * records whose outcome is durable), retries transient failures with backoff and never skips
 * them, dead-letters records that can never succeed so no record stalls a partition, restarts
 * itself after any crash, and reports lag, stuck time and its state.
 */
export async function startConsumer(kafka: Kafka, options: ConsumerOptions): Promise<RunningConsumer> {
  const { name, topic, groupId, logger } = options;
  const metrics: ConsumerMetrics = consumerMetrics(options.metrics);
  const offsets = new TopicOffsets(topic);
  const fromBeginning = options.fromBeginning ?? true;
  const stuckAfterMs = options.stuckAfterMs ?? 120_000;
  const log = logger.child({ consumer: name });

  let state: ConsumerState = 'starting';
  let stateSince = Date.now();
  let current: Consumer | undefined;
  let assigned: number[] = [];
  let paused = false;
  let closed = false;
  let restarts = 0;
  let restarting: Promise<void> | null = null;
  /** Ends a restart's wait when the consumer is closed. */
  const closing = new AbortController();
  let handling = 0;
  const idleWaiters: (() => void)[] = [];

  metrics.running.set({ consumer: name }, 0);
  const setState = (next: ConsumerState) => {
    if (state === next) return;
    state = next;
    stateSince = Date.now();
    metrics.running.set({ consumer: name }, next === 'running' ? 1 : 0);
  };

  const progress = new ConsumerProgress(kafka, {
    name,
    groupId,
    topic,
    fromBeginning,
    intervalMs: options.progressIntervalMs ?? 5_000,
    metrics,
    logger: log,
    positions: () => offsets.positions(),
  });

  const commit = async () => {
    const commits = offsets.committable();
    // Not while restarting: the crashed member's commits would be refused (its successor replays).
    if (commits.length === 0 || !current || (state !== 'running' && state !== 'stopping')) return;
    try {
      await current.commitOffsets(commits);
      offsets.markCommitted(commits);
    } catch (error) {
      // Usually a rebalance: the partition's new owner replays from the last commit; else offered again.
      log.warn({ err: error, topic }, 'committing offsets failed');
    }
  };
  const commitTimer = setInterval(() => void commit(), COMMIT_INTERVAL_MS);
  commitTimer.unref();

  const storeDeadLetter = async (partition: number, message: KafkaMessage, error: unknown) => {
    if (!options.deadLetters) throw error;
    // Counted and logged once: a record set aside before (a retried chunk, a replay) is not new.
    if (!(await options.deadLetters.store({ consumer: name, topic, partition, message, error: describe(error) }))) return;
    metrics.deadLetters.inc({ consumer: name });
    metrics.handlerErrors.inc({ consumer: name, topic, kind: 'poison' });
    log.error({ err: error, topic, partition, offset: message.offset }, 'record can never succeed: dead-lettered');
  };

  const eachBatch = async ({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload) => {
    const { partition } = batch;
    const tracker = offsets.of(partition);
    const active = () => isRunning() && !isStale() && !paused && !closed;
    const keepAlive = async () => {
      try {
        await heartbeat();
      } catch (error) {
        throw new MembershipLost('heartbeat failed', { cause: error });
      }
    };
    const context: ConsumerContext = {
      topic,
      partition,
      claim: (offset) => {
        tracker.begin(offset);
        return () => tracker.complete(offset);
      },
      deadLetter: (message, error) => storeDeadLetter(partition, message, error),
      heartbeat: keepAlive,
      until: async (ready) => {
        let settled = false;
        const done = ready.then(
          () => void (settled = true),
          () => void (settled = true),
        );
        while (!settled) {
          if (!active()) throw new NotActive();
          await Promise.race([done, delay(500)]);
          await keepAlive();
        }
        if (!active()) throw new NotActive();
      },
    };

    const isSetAside = (error: unknown) => isPoisonError(error) && options.deadLetters !== undefined;
    /** Handles a chunk until it succeeds; false when the consumer stopped first. */
    const handleChunk = async (messages: KafkaMessage[]): Promise<boolean> => {
      let chunk: KafkaMessage[] = [];
      try {
        return await retryWithBackoff(
          async () => {
            if (!active()) return false;
            // A handler that claims may have handed out part of the chunk before it failed.
            chunk = messages.filter((message) => !tracker.seen(message.offset));
            if (chunk.length === 0) return true;
            await options.handle(chunk, context);
            if (options.completion !== 'claimed') context.claim(chunk[chunk.length - 1].offset)();
            metrics.records.inc({ consumer: name, topic }, chunk.length);
            return true;
          },
          {
            ...RETRY,
            sleep: pauseFor,
            shouldRetry: (error) => !(error instanceof NotActive || error instanceof MembershipLost || isSetAside(error)),
            onRetry: (error, attempt) => {
              metrics.handlerErrors.inc({ consumer: name, topic, kind: 'transient' });
              // Logged on the first failure and then now and again, not on every retry of an outage.
              if (attempt % 30 === 1) log.error({ err: error, topic, partition, attempt }, 'handling records failed; retrying');
            },
          },
        );
      } catch (error) {
        if (error instanceof NotActive) return false;
        if (error instanceof MembershipLost) throw error.cause;
        if (!isSetAside(error)) throw error;
        if (chunk.length === 1) return setAside(chunk[0], error);
        // Which record? Each alone: the good ones pass (handlers are idempotent), the bad one is set aside.
        for (const message of chunk) if (!(await handleChunk([message]))) return false;
        return true;
      }
    };
    /** Dead-letters one record, retrying while the dead-letter table itself is unreachable. */
    const setAside = (message: KafkaMessage, error: unknown): Promise<boolean> =>
      retryWithBackoff(
        async () => {
          if (!active()) return false;
          await storeDeadLetter(partition, message, error);
          context.claim(message.offset)();
          metrics.records.inc({ consumer: name, topic });
          return true;
        },
        {
          ...RETRY,
          sleep: pauseFor,
          onRetry: (storeError, attempt) => {
            if (attempt === 1) log.error({ err: storeError, topic, partition }, 'dead-lettering failed; retrying');
          },
        },
      );
    /** A wait between tries that keeps the membership alive and ends early when the consumer stops. */
    const pauseFor = async (ms: number): Promise<void> => {
      const until = Date.now() + ms;
      while (Date.now() < until && active()) {
        await delay(Math.min(500, until - Date.now()));
        await keepAlive();
      }
    };

    handling++;
    try {
      // Offsets handed out already (a refetch after a rejoin or restart) are on their way.
      const fresh = batch.messages.filter((message) => !tracker.seen(message.offset));
      const chunkSize = options.chunkSize ?? Math.max(1, fresh.length);
      for (let start = 0; start < fresh.length; start += chunkSize) {
        const chunk = fresh.slice(start, start + chunkSize);
        if (!(await handleChunk(chunk))) return;
        // Moves the fetch position only; the commit follows completion.
        resolveOffset(chunk[chunk.length - 1].offset);
        await keepAlive();
      }
      if (batch.messages.length > 0 && active()) resolveOffset(batch.messages[batch.messages.length - 1].offset);
    } finally {
      if (--handling === 0) idleWaiters.splice(0).forEach((resolve) => resolve());
    }
  };

  const run = async () => {
    const consumer = kafka.consumer({
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
      const lost = new Set(assigned.filter((p) => !now.includes(p)));
      for (const p of lost) offsets.forget(p);
      assigned = now;
      if (!closed) setState('running');
      options.onAssignment?.(now, lost);
    });
    consumer.on(consumer.events.REBALANCING, () => options.onRebalancing?.());
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      log.error({ err: payload.error, groupId }, 'consumer crashed; restarting');
      void restart(consumer);
    });
    // A consumer that leaves without being closed (kafkajs disconnects on a crash) is restarted too.
    consumer.on(consumer.events.DISCONNECT, () => {
      if (!closed && current === consumer) void restart(consumer);
    });
    current = consumer;
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning });
    await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 1, eachBatch });
  };

  /** kafkajs consumers that crashed or left: a restart in progress tries again when its new one is among them. */
  const failed = new WeakSet<Consumer>();

  /** Replaces a crashed consumer with a new one, with backoff, until one runs or this is closed. */
  const restart = (crashed: Consumer): Promise<void> => {
    if (closed || current !== crashed) return restarting ?? Promise.resolve();
    // kafkajs reports a failed join from inside `run()`: the loop below must see it, not drop it.
    failed.add(crashed);
    if (restarting) return restarting;
    setState('restarting');
    restarts++;
    metrics.restarts.inc({ consumer: name });
    restarting = (async () => {
      const backoff = new Backoff(RESTART);
      for (let attempt = 0; !closed; attempt++) {
        await current?.disconnect().catch(() => undefined);
        // Work handed out by the crashed member is replayed by whoever owns its partitions next.
        offsets.clear();
        if (assigned.length > 0) options.onAssignment?.([], new Set(assigned));
        assigned = [];
        setState('restarting');
        await delay(backoff.next(), closing.signal);
        if (closed) return;
        try {
          await run();
        } catch (error) {
          log.error({ err: error, attempt }, 'restarting the consumer failed; trying again');
          continue;
        }
        if (current && failed.has(current)) {
          log.error({ attempt }, 'the restarted consumer crashed while joining; trying again');
          continue;
        }
        log.warn({ attempt }, 'consumer restarted');
        return;
      }
    })().finally(() => {
      restarting = null;
    });
    return restarting;
  };

  await run();
  progress.start();

  const running: RunningConsumer = {
    name,
    get state() {
      return state;
    },
    progress,
    get current() {
      return current;
    },
    get inFlight() {
      return offsets.inFlight;
    },
    assignedPartitions: () => assigned,
    idle: () => (handling === 0 ? Promise.resolve() : new Promise((resolve) => idleWaiters.push(resolve))),
    health: () => {
      const notRunningMs = state === 'running' ? 0 : Date.now() - stateSince;
      // Only this member's partitions: another instance's stuck partition is its own health's concern.
      const mine = progress.byPartition.filter((p) => assigned.includes(p.partition));
      const stuckMs = Math.max(notRunningMs, ...mine.map((p) => p.stuckMs));
      return {
        name,
        state,
        healthy: state === 'stopping' || state === 'stopped' || stuckMs < stuckAfterMs,
        lag: progress.lag,
        stuckSeconds: Math.round(stuckMs / 1000),
        restarts,
        partitions: progress.byPartition,
      };
    },
    pause: () => {
      if (paused) return;
      paused = true;
      setState('stopping');
      try {
        current?.pause([{ topic }]);
      } catch {
        // Not running (restarting): nothing is fetched anyway.
      }
    },
    commit,
    close: async () => {
      closed = true;
      closing.abort();
      clearInterval(commitTimer);
      await progress.stop();
      await restarting;
      const consumer = current;
      current = undefined;
      if (consumer) {
        await consumer.stop().catch(() => undefined);
        await consumer.disconnect().catch(() => undefined);
      }
      setState('stopped');
    },
    stop: async () => {
      running.pause();
      await running.commit();
      await running.close();
    },
  };
  return running;
}

/** Readiness of a service's consumers: each one's state, lag and stuck time; unready if any is stuck. */
export function consumersHealth(consumers: RunningConsumer[]): { healthy: boolean; consumers: ConsumerHealth[] } {
  const health = consumers.map((consumer) => consumer.health());
  return { healthy: health.every((h) => h.healthy), consumers: health };
}
